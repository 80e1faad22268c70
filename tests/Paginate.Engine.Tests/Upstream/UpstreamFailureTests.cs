using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Upstream;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>Every upstream problem ends as a RunResult: first-page failures, partial results, caps, faults.</summary>
public sealed class UpstreamFailureTests
{
    private static RunnerDefinition PageNumber(LoopbackUpstream upstream, string path = "/items", LimitsSpec? limits = null) => new()
    {
        Request = new() { Url = upstream.Url(path).ToString() },
        Pagination = new() { Style = PaginationStyles.PageNumber },
        Response = new() { ItemsPath = "data" },
        Limits = limits ?? FastLimits,
    };

    private static int Page(HttpContext ctx) => int.Parse(Query(ctx, "page"), CultureInfo.InvariantCulture);

    [Fact]
    public async Task LaterPageFails_ReturnsItemsSoFar_AsPartial()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx => Page(ctx) < 3
            ? Respond(ctx, "{\"data\":" + Items((Page(ctx) * 10) + 1, 2) + "}")
            : Respond(ctx, "{\"message\":\"internal\"}", 500)));

        var outcome = await RunAsync(PageNumber(upstream));

        Assert.False(outcome.Result.FirstPageFailed);
        Assert.True(outcome.Result.Partial);
        Assert.Equal(StopReasons.UpstreamError, outcome.Result.StopReason);
        Assert.Equal(ErrorCodes.UpstreamStatus, outcome.Result.ErrorCode);
        Assert.Equal(500, outcome.Result.UpstreamStatus);
        Assert.Equal(["i11", "i12", "i21", "i22"], outcome.Ids());
        Assert.Equal(2, outcome.Result.Pages);
        Assert.True(outcome.Meta!.Value.GetProperty("partial").GetBoolean());
        Assert.Equal("upstream_status", outcome.Meta!.Value.GetProperty("error_code").GetString());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task CompressedPage_IsDecoded(string encoding)
    {
        var body = Encode("{\"data\":" + Items(1, 3) + "}", encoding);
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/z", ctx => SendBytes(ctx, body, encoding)));

        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = upstream.Url("/z").ToString() }, Response = new() { ItemsPath = "data" }, Limits = FastLimits });

        Assert.Equal(3, outcome.Items.Count);
        Assert.Contains("gzip", upstream.Requests[0].Header("Accept-Encoding"), StringComparison.Ordinal);
        Assert.Contains("br", upstream.Requests[0].Header("Accept-Encoding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecompressionBomb_IsResponseTooLarge()
    {
        // 16 MiB of whitespace inside an array compresses to a few KiB; the cap is on the decoded size.
        var bomb = Encode("{\"data\":[" + new string(' ', 16 * 1024 * 1024) + "]}", "gzip");
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/bomb", ctx => SendBytes(ctx, bomb, "gzip")));

        var outcome = await RunAsync(
            new RunnerDefinition { Request = new() { Url = upstream.Url("/bomb").ToString() }, Response = new() { ItemsPath = "data" }, Limits = FastLimits },
            options: new PageLoopOptions { MaxPageBytes = 1024 * 1024 });

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(ErrorCodes.ResponseTooLarge, outcome.Result.ErrorCode);
        Assert.Equal(1, upstream.RequestCount);
    }

    [Fact]
    public async Task OversizePlainPage_IsResponseTooLarge()
    {
        var big = Encoding.UTF8.GetBytes("{\"data\":[" + new string(' ', 300_000) + "]}");
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/big", ctx => SendBytes(ctx, big)));

        var outcome = await RunAsync(
            new RunnerDefinition { Request = new() { Url = upstream.Url("/big").ToString() }, Response = new() { ItemsPath = "data" }, Limits = FastLimits },
            options: new PageLoopOptions { MaxPageBytes = 100_000 });

        Assert.Equal(ErrorCodes.ResponseTooLarge, outcome.Result.ErrorCode);
    }

    [Theory]
    [InlineData("{\"data\":[1,2", "application/json")]
    [InlineData("<html><body>Service down</body></html>", "text/html")]
    [InlineData("", "application/json")]
    public async Task NotJson_IsInvalidJson(string body, string contentType)
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/bad", ctx => SendBytes(ctx, Encoding.UTF8.GetBytes(body), contentType: contentType)));

        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = upstream.Url("/bad").ToString() }, Response = new() { ItemsPath = "data" }, Limits = FastLimits });

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(ErrorCodes.InvalidJson, outcome.Result.ErrorCode);
        Assert.Equal(200, outcome.Result.UpstreamStatus);
        Assert.Equal(1, upstream.RequestCount);
    }

    [Theory]
    [InlineData("{\"results\":[]}", "data", "nothing")]
    [InlineData("{\"data\":{\"rows\":[]}}", "data", "an object")]
    [InlineData("{\"data\":\"x\"}", "data", "a string")]
    public async Task ItemsPathMissingOrNotArray_NamesPathAndWhatWasFound(string body, string itemsPath, string found)
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/x", ctx => Respond(ctx, body)));

        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = upstream.Url("/x").ToString() }, Response = new() { ItemsPath = itemsPath }, Limits = FastLimits });

        Assert.Equal(ErrorCodes.ItemsPathNotFound, outcome.Result.ErrorCode);
        Assert.Contains($"'{itemsPath}'", outcome.Result.ErrorDetail, StringComparison.Ordinal);
        Assert.Contains(found, outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsNetworkError_AfterRetries()
    {
        Uri url;
        await using (var gone = await LoopbackUpstream.StartAsync(r => r.Route("/x", ctx => Respond(ctx, "[]"))))
        {
            url = gone.Url("/x");
        }

        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = url.ToString() }, Limits = FastLimits with { MaxRetries = 1 } });

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(ErrorCodes.NetworkError, outcome.Result.ErrorCode);
        Assert.Null(outcome.Result.UpstreamStatus);
        Assert.Equal(1, outcome.Result.Retries);
    }

    [Fact]
    public async Task GuardRefusesAddress_IsUpstreamBlocked_NotRetried()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/x", ctx => Respond(ctx, "[]")));
        var guarded = new SocketsHttpHandler { ConnectCallback = (_, _) => throw new UpstreamBlockedException() };

        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = upstream.Url("/x").ToString() }, Limits = FastLimits }, handler: guarded);

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(ErrorCodes.UpstreamBlocked, outcome.Result.ErrorCode);
        Assert.Equal(0, outcome.Result.Retries);
        Assert.Equal(0, upstream.RequestCount);
    }

    [Fact]
    public async Task PageTimeoutOnLaterPage_ReturnsPartial_WithTimeout()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", async ctx =>
        {
            if (Page(ctx) == 2)
            {
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await Respond(ctx, "{\"data\":" + Items(1, 2) + "}");
        }));

        var outcome = await RunAsync(PageNumber(upstream, limits: FastLimits with { PageTimeoutMs = 1000, MaxRetries = 1 }));

        Assert.True(outcome.Result.Partial);
        Assert.Equal(StopReasons.Timeout, outcome.Result.StopReason);
        Assert.Equal(ErrorCodes.Timeout, outcome.Result.ErrorCode);
        Assert.Equal(2, outcome.Items.Count);
        Assert.Equal(1, outcome.Result.Retries);
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task TotalTimeoutOnFirstPage_FirstPageFailed_WithTimeout()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
            Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default)));

        var outcome = await RunAsync(PageNumber(upstream, limits: FastLimits with { TotalTimeoutMs = 300, PageTimeoutMs = 300 }));

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(StopReasons.Timeout, outcome.Result.StopReason);
        Assert.False(outcome.Started);
    }

    [Fact]
    public async Task TotalTimeoutAfterFirstPage_KeepsItemsSoFar()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", async ctx =>
        {
            if (Page(ctx) > 1)
            {
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await Respond(ctx, "{\"data\":" + Items(1, 2) + "}");
        }));

        var outcome = await RunAsync(PageNumber(upstream, limits: FastLimits with { TotalTimeoutMs = 2000, PageTimeoutMs = 2000 }));

        Assert.False(outcome.Result.FirstPageFailed);
        Assert.Equal(StopReasons.Timeout, outcome.Result.StopReason);
        Assert.Equal(2, outcome.Items.Count);
        Assert.Equal("timeout", outcome.Meta!.Value.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task CallerCancels_StopsAtOnce_WithNoFurtherUpstreamRequests()
    {
        using var cts = new CancellationTokenSource();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", async ctx =>
        {
            if (Page(ctx) == 3)
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await Respond(ctx, "{\"data\":" + Items(Page(ctx), 1) + "}");
        }));

        var outcome = await RunAsync(PageNumber(upstream), cancellationToken: cts.Token);

        Assert.Equal(StopReasons.ClientCancelled, outcome.Result.StopReason);
        Assert.Equal(2, outcome.Result.Pages);
        Assert.Equal(3, upstream.RequestCount);
        Assert.Equal(0, outcome.Result.Retries);
    }

    [Fact]
    public async Task CallerCancelsDuringRetryDelay_NoMoreRequests()
    {
        using var cts = new CancellationTokenSource();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", async ctx =>
        {
            ctx.Response.Headers.RetryAfter = "30";
            await Respond(ctx, "{}", 503);
            await cts.CancelAsync();
        }));

        var outcome = await RunAsync(PageNumber(upstream), cancellationToken: cts.Token);

        Assert.Equal(StopReasons.ClientCancelled, outcome.Result.StopReason);
        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(1, upstream.RequestCount);
    }
}
