using System.Text;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>
/// The Content-Encoding rule: at most two codings, none repeated, each known; refused before any decoder
/// is built, as <c>unsupported_content_encoding</c>, and not retried.
/// </summary>
public sealed class ContentEncodingTests
{
    private static RunnerDefinition Single(LoopbackUpstream upstream) => new()
    {
        Request = new() { Url = upstream.Url("/z").ToString() },
        Response = new() { ItemsPath = "data" },
        Limits = FastLimits,
    };

    private static Task<LoopbackUpstream> Serving(byte[] body, string encoding, int status = 200) =>
        LoopbackUpstream.StartAsync(r => r.Route("/z", ctx =>
        {
            ctx.Response.StatusCode = status;
            return SendBytes(ctx, body, encoding);
        }));

    [Fact]
    public async Task ThousandsOfGzipCodings_EmptyBody_IsRefused_NotRetried()
    {
        // The attack seen live: ~11,000 codings in under 64 KiB of headers and an empty body.
        var codings = string.Join(",", Enumerable.Repeat("gzip", 11_000));
        await using var upstream = await Serving([], codings);

        var outcome = await RunAsync(Single(upstream));

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(ErrorCodes.UnsupportedContentEncoding, outcome.Result.ErrorCode);
        Assert.Equal(200, outcome.Result.UpstreamStatus);
        Assert.Equal(1, upstream.RequestCount);
        Assert.Contains("11000 content codings", outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip, gzip")]
    [InlineData("gzip, x-gzip")]
    [InlineData("br, br")]
    public async Task RepeatedCoding_IsRefused(string header)
    {
        var body = Encode("{\"data\":" + Items(1, 2) + "}", "gzip", "gzip");
        await using var upstream = await Serving(body, header);

        var outcome = await RunAsync(Single(upstream));

        Assert.Equal(ErrorCodes.UnsupportedContentEncoding, outcome.Result.ErrorCode);
        Assert.Contains("more than once", outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeDistinctCodings_AreRefused()
    {
        var body = Encode("{\"data\":" + Items(1, 2) + "}", "deflate", "br", "gzip");
        await using var upstream = await Serving(body, "deflate, br, gzip");

        var outcome = await RunAsync(Single(upstream));

        Assert.Equal(ErrorCodes.UnsupportedContentEncoding, outcome.Result.ErrorCode);
        Assert.Contains("3 content codings", outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCoding_IsRefused_AndNamedSafely()
    {
        await using var upstream = await Serving(Encoding.UTF8.GetBytes("{\"data\":[]}"), "zstd");

        var outcome = await RunAsync(Single(upstream));

        Assert.Equal(ErrorCodes.UnsupportedContentEncoding, outcome.Result.ErrorCode);
        Assert.Contains("'zstd'", outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoDistinctCodings_AreDecoded_LastAppliedFirst()
    {
        var body = Encode("{\"data\":" + Items(1, 3) + "}", "br", "gzip");
        await using var upstream = await Serving(body, "br, gzip");

        var outcome = await RunAsync(Single(upstream));

        Assert.Null(outcome.Result.ErrorCode);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
    }

    [Fact]
    public async Task ErrorAnswer_WithRefusedCodings_FailsWithItsStatus_WithoutAnExcerpt()
    {
        var codings = string.Join(",", Enumerable.Repeat("gzip", 5_000));
        await using var upstream = await Serving(Encoding.UTF8.GetBytes("not compressed at all"), codings, status: 400);

        var outcome = await RunAsync(Single(upstream));

        Assert.Equal(ErrorCodes.UpstreamStatus, outcome.Result.ErrorCode);
        Assert.Equal(400, outcome.Result.UpstreamStatus);
        Assert.Equal("The upstream answered 400.", outcome.Result.ErrorDetail);
    }
}
