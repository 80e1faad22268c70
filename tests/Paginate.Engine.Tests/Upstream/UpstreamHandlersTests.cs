using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Upstream;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>The one handler recipe both apps use: no redirects, no cookies, no automatic decompression.</summary>
public sealed class UpstreamHandlersTests
{
    private static HttpMessageInvoker Invoker() => new(UpstreamHandlers.Create(new GuardedConnector(allowPrivate: true)), disposeHandler: true);

    [Fact]
    public async Task Redirect_IsNotFollowed()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r =>
        {
            r.Route("/a", ctx =>
            {
                ctx.Response.Redirect("/b");
                return Task.CompletedTask;
            });
            r.Route("/b", ctx => Respond(ctx, "[]"));
        });
        using var invoker = Invoker();

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, upstream.Url("/a")), CancellationToken.None);

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal(0, upstream.CountFor("/b"));
    }

    [Fact]
    public async Task CompressedBody_IsLeftForTheCappedReader_AndNoCookieIsKept()
    {
        var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("[1,2]"u8);
        }

        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/z", ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            ctx.Response.Headers.SetCookie = "session=abc; Path=/";
            return ctx.Response.Body.WriteAsync(gzipped.ToArray()).AsTask();
        }));
        using var invoker = Invoker();

        using var first = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, upstream.Url("/z")), CancellationToken.None);
        using var second = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, upstream.Url("/z")), CancellationToken.None);

        Assert.Equal(["gzip"], first.Content.Headers.ContentEncoding);
        Assert.Equal(gzipped.ToArray(), await first.Content.ReadAsByteArrayAsync());
        Assert.Null(upstream.Requests[0].Header("Accept-Encoding"));
        Assert.Null(upstream.Requests[1].Header("Cookie"));
    }
}
