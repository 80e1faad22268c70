using System.Globalization;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary><c>limits.stop_on_repeated_page</c> (CONTRACT §6.4): a body byte-identical to an earlier page ends the run.</summary>
public sealed class PageLoopRepeatedPageTests
{
    /// <summary>An API that ignores every paging parameter: the same three items, byte for byte, forever.</summary>
    private static Task<LoopbackUpstream> IgnoresPagingAsync() =>
        LoopbackUpstream.StartAsync(r => r.Route("/same", ctx =>
        {
            ctx.Response.Headers.Link = $"<{ctx.Request.Scheme}://{ctx.Request.Host}/same?n={Guid.NewGuid():N}>; rel=\"next\"";
            return Respond(ctx, """{"data":""" + Items(1, 3) + ""","total_pages":5,"total":15}""");
        }));

    private static RunnerDefinition Runner(LoopbackUpstream upstream, PaginationSpec pagination, LimitsSpec? limits = null) => new()
    {
        Request = new() { Url = upstream.Url("/same").ToString() },
        Pagination = pagination,
        Response = new() { ItemsPath = "data" },
        Limits = limits ?? FastLimits with { MaxPages = 5 },
    };

    public static TheoryData<string> Styles() => [PaginationStyles.PageNumber, PaginationStyles.Offset, PaginationStyles.LinkHeader];

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task ApiIgnoringThePageParameter_StopsWithRepeatedPage_WithoutItsItems(string style)
    {
        await using var upstream = await IgnoresPagingAsync();
        var outcome = await RunAsync(Runner(upstream, new PaginationSpec { Style = style, Limit = style == PaginationStyles.Offset ? 3 : null }));

        Assert.Equal(StopReasons.RepeatedPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
        Assert.Equal(1, outcome.Result.Pages);
        Assert.Equal(3, outcome.Result.Items);
        Assert.False(outcome.Result.Partial);
        Assert.Null(outcome.Result.ErrorCode);
        Assert.Equal(2, upstream.RequestCount);
        Assert.Equal("repeated_page", outcome.Meta!.Value.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task PagesRequestedAhead_ApiIgnoringThePageParameter_StopsAtTheFirstRepeat()
    {
        // No total path: with max_concurrency > 1 pages are requested ahead (CONTRACT §1, v2), and each is still
        // checked against the earlier ones before its items are written.
        await using var upstream = await IgnoresPagingAsync();
        var outcome = await RunAsync(Runner(upstream,
            new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 3 },
            FastLimits with { MaxConcurrency = 4, MaxPages = 20 }));

        Assert.Equal(StopReasons.RepeatedPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
        Assert.Equal(1, outcome.Result.Pages);
        Assert.InRange(upstream.RequestCount, 2, 5);
    }

    [Fact]
    public async Task ConcurrentPages_ApiIgnoringThePageParameter_StopsAtTheFirstRepeat()
    {
        await using var upstream = await IgnoresPagingAsync();
        var outcome = await RunAsync(Runner(upstream,
            new PaginationSpec { Style = PaginationStyles.PageNumber, TotalPagesPath = "total_pages" },
            FastLimits with { MaxConcurrency = 2 }));

        Assert.Equal(StopReasons.RepeatedPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
        Assert.Equal(1, outcome.Result.Pages);
    }

    [Fact]
    public async Task ApiLoopingBackToPageOne_StopsWithRepeatedPage()
    {
        // Pages 1, 2, 3 and then page 1 again: only the loop's first lap is returned.
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/loop", ctx =>
        {
            var page = int.Parse(Query(ctx, "page"), CultureInfo.InvariantCulture);
            var lap = ((page - 1) % 3) + 1;
            return Respond(ctx, """{"data":""" + Items(((lap - 1) * 2) + 1, 2) + "}");
        }));
        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/loop").ToString() },
            Pagination = new() { Style = PaginationStyles.PageNumber },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits with { MaxPages = 10 },
        });

        Assert.Equal(StopReasons.RepeatedPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5", "i6"], outcome.Ids());
        Assert.Equal(3, outcome.Result.Pages);
        Assert.Equal(4, upstream.RequestCount);
    }

    [Fact]
    public async Task Disabled_RepeatedBodies_RunToMaxPages()
    {
        await using var upstream = await IgnoresPagingAsync();
        var outcome = await RunAsync(Runner(upstream, new PaginationSpec { Style = PaginationStyles.PageNumber },
            FastLimits with { MaxPages = 3, StopOnRepeatedPage = false }));

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(9, outcome.Items.Count);
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task SameItemsInADifferentBody_IsNotARepeat()
    {
        // Only a byte-identical body counts: a page that differs in anything (here a request echo) is new.
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/echo", ctx =>
            Respond(ctx, """{"page":""" + Query(ctx, "page") + ""","data":""" + Items(1, 2) + "}")));
        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/echo").ToString() },
            Pagination = new() { Style = PaginationStyles.PageNumber },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits with { MaxPages = 3 },
        });

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(6, outcome.Items.Count);
    }

    [Fact]
    public async Task Cursor_SameBodyTwice_StopsWithRepeatedPage_BeforeRepeatedNext()
    {
        // v1 wrote page 2's duplicate items and then stopped on the repeated cursor; v2 stops before writing them.
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/list", ctx => Respond(ctx, "{\"data\":" + Items(1, 1) + ",\"cursor\":\"same\"}")));
        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/list").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "cursor", CursorParam = ParamPlacement.Query("c") },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.RepeatedPage, outcome.Result.StopReason);
        Assert.Equal(["i1"], outcome.Ids());
        Assert.Equal(2, upstream.RequestCount);
    }
}
