using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit.Upstream;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// A loopback upstream whose bodies are bad on purpose: <c>/corrupt-gzip</c> (says gzip, is not),
/// <c>/triple-gzip</c> (a valid page
/// gzipped three times, listed three times), <c>/bomb</c> (8 MiB of whitespace gzipped to a few KiB).
/// A connection cut mid-body is <see cref="CutMidBodyUpstream"/>.
/// </summary>
public static class HostileUpstream
{
    public static Task<LoopbackUpstream> StartAsync() => LoopbackUpstream.StartAsync(routes =>
    {
        routes.MapGet("/corrupt-gzip", (HttpContext ctx) => Send(ctx, "gzip", Encoding.ASCII.GetBytes("this is not gzip at all, not even close")));
        routes.MapGet("/triple-gzip", (HttpContext ctx) => Send(ctx, "gzip, gzip, gzip", Gzip(Gzip(Gzip(Encoding.UTF8.GetBytes("{\"data\":[{\"id\":1}]}"))))));
        routes.MapGet("/bomb", (HttpContext ctx) => Send(ctx, "gzip", Gzip(Encoding.UTF8.GetBytes("{\"data\":[" + new string(' ', 8 * 1024 * 1024) + "]}"))));
    });

    private static async Task Send(HttpContext ctx, string encoding, byte[] body)
    {
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.ContentEncoding = encoding;
        await ctx.Response.Body.WriteAsync(body);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
