using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary>
/// CONTRACT §1 <c>max_concurrency</c> when the total is unknown: pages are requested ahead; the page that ends the run
/// ends it, later answers are discarded, at most <c>max_concurrency - 1</c> requests go past the end.
/// </summary>
public sealed class PageLoopAheadTests
{
    private static int Number(HttpContext ctx, string name) => int.Parse(Query(ctx, name), CultureInfo.InvariantCulture);

    private static RunnerDefinition PageNumber(LoopbackUpstream upstream, int pageSize, LimitsSpec limits) => new()
    {
        Request = new() { Url = upstream.Url("/p").ToString() },
        Pagination = new() { Style = PaginationStyles.PageNumber, PageSize = pageSize, PageSizeParam = ParamPlacement.Query("per_page") },
        Response = new() { ItemsPath = "data" },
        Limits = limits,
    };

    [Fact]
    public async Task PageNumber_NoTotal_RequestsAhead_ShortPageEndsIt_LaterAnswersDiscarded()
    {
        var asked = new ConcurrentBag<int>();
        var page4Asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", async ctx =>
        {
            var page = Number(ctx, "page");
            asked.Add(page);
            if (page == 4)
            {
                page4Asked.TrySetResult();
            }
            else if (page == 2 && await Task.WhenAny(page4Asked.Task, Task.Delay(TimeSpan.FromSeconds(10))) != page4Asked.Task)
            {
                // Page 2 answers only once page 4 was asked for: a loop that does not fetch ahead fails here.
                await Respond(ctx, "{}", 500);
                return;
            }

            // Pages 1-5 full, page 6 short (the end); pages past it answer full pages that must never be returned.
            var body = page switch
            {
                <= 5 => Items(((page - 1) * 10) + 1, 10),
                6 => Items(51, 3),
                _ => Items(1, 10, "late"),
            };
            await Respond(ctx, "{\"data\":" + body + "}");
        }));

        var outcome = await RunAsync(PageNumber(upstream, 10, FastLimits with { MaxConcurrency = 4, MaxRetries = 0 }));

        Assert.Null(outcome.Result.ErrorCode);
        Assert.False(outcome.Result.Partial);
        Assert.Equal(StopReasons.ShortPage, outcome.Result.StopReason);
        Assert.Equal(6, outcome.Result.Pages);
        Assert.Equal(Enumerable.Range(1, 53).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal(1, asked.Count(p => p == 4));
        Assert.Equal(Enumerable.Range(1, 6), asked.Where(p => p <= 6).Order());
        Assert.InRange(asked.Max(), 6, 9);
    }

    [Fact]
    public async Task Offset_NoTotal_HasMoreFalse_EndsIt_AtMostConcurrencyMinusOnePastTheEnd()
    {
        var asked = new ConcurrentBag<int>();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/o", ctx =>
        {
            var offset = Number(ctx, "offset");
            asked.Add(offset);
            var hasMore = offset < 30 ? "true" : "false";
            return Respond(ctx, "{\"more\":" + hasMore + ",\"rows\":" + Items(offset + 1, 10) + "}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/o").ToString() },
            Pagination = new() { Style = PaginationStyles.Offset, Limit = 10, HasMorePath = "more" },
            Response = new() { ItemsPath = "rows" },
            Limits = FastLimits with { MaxConcurrency = 3 },
        });

        Assert.Equal(StopReasons.HasMoreFalse, outcome.Result.StopReason);
        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal(4, outcome.Result.Pages);
        Assert.Equal([0, 10, 20, 30], asked.Where(o => o <= 30).Order());
        Assert.All(asked, o => Assert.Equal(0, o % 10));
        Assert.InRange(asked.Max(), 30, 50);
        Assert.InRange(upstream.RequestCount, 4, 6);
    }

    [Fact]
    public async Task PagesPastTheEnd_ThatFail_DoNotSpoilACompleteRun()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", ctx =>
        {
            var page = Number(ctx, "page");
            return page switch
            {
                <= 3 => Respond(ctx, "{\"data\":" + Items(((page - 1) * 5) + 1, 5) + "}"),
                4 => Respond(ctx, "{\"data\":[]}"),
                _ => Respond(ctx, "{\"error\":\"no such page\"}", 500),
            };
        }));

        var outcome = await RunAsync(PageNumber(upstream, 5, FastLimits with { MaxConcurrency = 8, MaxRetries = 0 }));

        Assert.Null(outcome.Result.ErrorCode);
        Assert.False(outcome.Result.Partial);
        Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        Assert.Equal(Enumerable.Range(1, 15).Select(n => $"i{n}"), outcome.Ids());
    }

    [Fact]
    public async Task NeverRequestsPastMaxPages()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", ctx =>
            Respond(ctx, "{\"data\":" + Items(((Number(ctx, "page") - 1) * 2) + 1, 2) + "}")));

        var outcome = await RunAsync(PageNumber(upstream, 2, FastLimits with { MaxConcurrency = 8, MaxPages = 3 }));

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task Offset_ShortFirstPage_IsNotGuessedFrom_TheRunStaysSequential()
    {
        // The API caps pages at 4 although 10 were asked for, and says has_more: offsets guessed from the limit would all miss.
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/o", ctx =>
        {
            var offset = Number(ctx, "offset");
            return Respond(ctx, "{\"more\":" + (offset < 8 ? "true" : "false") + ",\"rows\":" + Items(offset + 1, 4) + "}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/o").ToString() },
            Pagination = new() { Style = PaginationStyles.Offset, Limit = 10, HasMorePath = "more" },
            Response = new() { ItemsPath = "rows" },
            Limits = FastLimits with { MaxConcurrency = 4 },
        });

        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal(3, upstream.RequestCount);
        Assert.Equal(1, upstream.MaxInFlight);
    }

    [Fact]
    public async Task WrongGuess_IsDropped_EveryItemOnceAndInOrder()
    {
        // Full first page, but the API's next_offset skips one row: the guesses (offset + limit) are wrong.
        var asked = new ConcurrentBag<int>();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/o", ctx =>
        {
            var offset = Number(ctx, "offset");
            asked.Add(offset);
            var rows = offset > 30 ? "[]" : Items(offset + 1, 10);
            return Respond(ctx, "{\"next\":" + (offset + 11) + ",\"rows\":" + rows + "}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/o").ToString() },
            Pagination = new() { Style = PaginationStyles.Offset, Limit = 10, NextOffsetPath = "next" },
            Response = new() { ItemsPath = "rows" },
            Limits = FastLimits with { MaxConcurrency = 4 },
        });

        var expected = new[] { 0, 11, 22 }.SelectMany(o => Enumerable.Range(o + 1, 10)).Select(n => $"i{n}");
        Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        Assert.Equal(expected, outcome.Ids());
        Assert.Equal(4, outcome.Result.Pages);
        Assert.Equal([0, 11, 22, 33], asked.Where(o => o % 11 == 0).Distinct().Order());
    }
}
