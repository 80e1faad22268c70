using System.Globalization;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary>When page 1 reveals the total, later pages are fetched concurrently and still written in page order.</summary>
public sealed class PageLoopConcurrencyTests
{
    private static int Page(HttpContext ctx) => int.Parse(Query(ctx, "page"), CultureInfo.InvariantCulture);

    /// <summary>Waits for <paramref name="gate"/> (bounded, so a sequential loop fails the test instead of hanging).</summary>
    private static Task Until(TaskCompletionSource gate) => gate.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);

    private static RunnerDefinition PageNumber(LoopbackUpstream upstream, LimitsSpec limits) => new()
    {
        Request = new() { Url = upstream.Url("/p").ToString() },
        Pagination = new() { Style = PaginationStyles.PageNumber, TotalPagesPath = "meta.total_pages" },
        Response = new() { ItemsPath = "data" },
        Limits = limits,
    };

    [Fact]
    public async Task PageNumber_LaterPagesFaster_ItemsStillInPageOrder_AndRequestsOverlap()
    {
        var page4Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", async ctx =>
        {
            var page = Page(ctx);
            if (page == 4)
            {
                page4Arrived.TrySetResult();
            }
            else if (page is 2 or 3)
            {
                // Pages 2 and 3 cannot answer before page 4 was asked for: only concurrent fetching gets past this.
                await Until(page4Arrived);
            }

            await Respond(ctx, "{\"meta\":{\"total_pages\":6},\"data\":" + Items(((page - 1) * 2) + 1, 2) + "}");
        }));

        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxConcurrency = 3 }));

        Assert.Equal(StopReasons.TotalReached, outcome.Result.StopReason);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal(6, outcome.Result.Pages);
        Assert.Equal(6, upstream.RequestCount);
        Assert.True(page4Arrived.Task.IsCompleted);
        Assert.InRange(upstream.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task Offset_TotalFromFirstPage_FetchesRemainingConcurrently_InOrder()
    {
        var lastArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/o", async ctx =>
        {
            var offset = int.Parse(Query(ctx, "offset"), CultureInfo.InvariantCulture);
            if (offset == 40)
            {
                lastArrived.TrySetResult();
            }
            else if (offset == 10)
            {
                await Until(lastArrived);
            }

            await Respond(ctx, "{\"total\":95,\"rows\":" + Items(offset + 1, Math.Min(10, 95 - offset)) + "}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/o").ToString() },
            Pagination = new() { Style = PaginationStyles.Offset, Limit = 10, TotalPath = "total" },
            Response = new() { ItemsPath = "rows" },
            Limits = FastLimits with { MaxConcurrency = 4 },
        });

        Assert.Equal(StopReasons.TotalReached, outcome.Result.StopReason);
        Assert.Equal(Enumerable.Range(1, 95).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal(10, upstream.RequestCount);
        Assert.InRange(upstream.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task Concurrent_StillBoundedByMaxPages()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", ctx =>
            Respond(ctx, "{\"meta\":{\"total_pages\":10},\"data\":" + Items(Page(ctx), 1) + "}")));

        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxConcurrency = 3, MaxPages = 4 }));

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(4, upstream.RequestCount);
        Assert.Equal(["i1", "i2", "i3", "i4"], outcome.Ids());
    }

    [Fact]
    public async Task Concurrent_StillBoundedByMaxItems()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", ctx =>
            Respond(ctx, "{\"meta\":{\"total_pages\":10},\"data\":" + Items(((Page(ctx) - 1) * 2) + 1, 2) + "}")));

        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxConcurrency = 2, MaxItems = 5 }));

        Assert.Equal(StopReasons.MaxItems, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], outcome.Ids());
    }

    [Fact]
    public async Task Concurrent_LaterPageFails_PartialWithPagesBeforeIt()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", ctx => Page(ctx) == 3
            ? Respond(ctx, "{}", 500)
            : Respond(ctx, "{\"meta\":{\"total_pages\":5},\"data\":" + Items(Page(ctx), 1) + "}")));

        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxConcurrency = 4 }));

        Assert.True(outcome.Result.Partial);
        Assert.Equal(StopReasons.UpstreamError, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2"], outcome.Ids());
    }
}
