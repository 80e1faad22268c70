using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging.Strategies;

/// <summary>
/// One owner for the empty-page stop: the loop, through <c>limits.stop_on_empty_page</c>, for every style. With it
/// off, an empty first page that says there is more is followed, and the style's own signal ends the walk.
/// Each upstream answers page 1 empty (with a way on), page 2 with two items and no way on.
/// </summary>
public sealed class EmptyPageStopTests
{
    private static async Task<(LoopOutcome Outcome, int Requests)> RunAsync(PaginationSpec pagination, bool stopOnEmptyPage, Func<HttpContext, bool, string> page)
    {
        LoopbackUpstream upstream = null!;
        upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            var second = upstream.RequestCount > 1;
            if (!second && pagination.Style == PaginationStyles.LinkHeader)
            {
                ctx.Response.Headers.Append("Link", "</items?page=2>; rel=\"next\"");
            }

            return Respond(ctx, page(ctx, second));
        });
        await using var _ = upstream;

        var outcome = await LoopHarness.RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = pagination,
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits with { StopOnEmptyPage = stopOnEmptyPage },
        });
        return (outcome, upstream.RequestCount);
    }

    private static string Page(bool second, string more, string end) =>
        second ? $$"""{"data":[{"id":"a"},{"id":"b"}],{{end}}}""" : $$"""{"data":[],{{more}}}""";

    public static TheoryData<string, string> Styles => new()
    {
        // style, stop reason when stop_on_empty_page is false (page 2 then ends the walk by the style's own rule)
        { PaginationStyles.PageNumber, StopReasons.TotalReached },
        { PaginationStyles.Offset, StopReasons.TotalReached },
        { PaginationStyles.Cursor, StopReasons.NoNextPage },
        { PaginationStyles.NextLink, StopReasons.NoNextPage },
        { PaginationStyles.LinkHeader, StopReasons.NoNextPage },
        { PaginationStyles.Script, StopReasons.ScriptStop },
    };

    private static PaginationSpec Spec(string style) => style switch
    {
        PaginationStyles.PageNumber => new() { Style = style, TotalPagesPath = "total_pages" },
        PaginationStyles.Offset => new() { Style = style, Limit = 2, TotalPath = "total", NextOffsetPath = "next_offset" },
        PaginationStyles.Cursor => new() { Style = style, CursorPath = "next", CursorParam = ParamPlacement.Query("after") },
        PaginationStyles.NextLink => new() { Style = style, NextLinkPath = "next" },
        PaginationStyles.LinkHeader => new() { Style = style },
        _ => new() { Style = style, Script = "var n = @response.body.get(\"/next\");\n@pager.stop(n == null);\n@request.query.put(\"after\", n);" },
    };

    private static string Body(string style, bool second) => style switch
    {
        PaginationStyles.PageNumber => Page(second, "\"total_pages\":2", "\"total_pages\":2"),
        PaginationStyles.Offset => Page(second, "\"next_offset\":2,\"total\":4", "\"total\":4"),
        PaginationStyles.NextLink => Page(second, "\"next\":\"/items?page=2\"", "\"next\":null"),
        PaginationStyles.LinkHeader => Page(second, "\"x\":1", "\"x\":2"),
        _ => Page(second, "\"next\":\"c2\"", "\"next\":null"),
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task EmptyPage_WithStopOnEmptyPage_StopsEveryStyleWithEmptyPage(string style, string _)
    {
        var (outcome, requests) = await RunAsync(Spec(style), stopOnEmptyPage: true, (_, second) => Body(style, second));

        Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        Assert.Equal(1, requests);
        Assert.Empty(outcome.Items);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task EmptyPage_WithoutStopOnEmptyPage_IsFollowedUntilTheStyleStops(string style, string stopReason)
    {
        var (outcome, requests) = await RunAsync(Spec(style), stopOnEmptyPage: false, (_, second) => Body(style, second));

        Assert.Equal(stopReason, outcome.Result.StopReason);
        Assert.Equal(2, requests);
        Assert.Equal(["a", "b"], outcome.Ids());
        Assert.False(outcome.Result.Partial);
    }

    [Fact]
    public async Task EmptyPage_NoneStyle_IsSinglePageWithoutTheFlagAndEmptyPageWithIt()
    {
        var (without, _) = await RunAsync(new() { Style = PaginationStyles.None }, stopOnEmptyPage: false, (_, _) => """{"data":[]}""");
        var (with, _) = await RunAsync(new() { Style = PaginationStyles.None }, stopOnEmptyPage: true, (_, _) => """{"data":[]}""");

        Assert.Equal(StopReasons.SinglePage, without.Result.StopReason);
        Assert.Equal(StopReasons.EmptyPage, with.Result.StopReason);
    }

    [Fact]
    public async Task EmptyPage_PageNumberWithPageSizeWithoutTheFlag_IsAShortPage()
    {
        var (outcome, requests) = await RunAsync(
            new() { Style = PaginationStyles.PageNumber, PageSize = 2 }, stopOnEmptyPage: false, (_, _) => """{"data":[]}""");

        Assert.Equal(StopReasons.ShortPage, outcome.Result.StopReason);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task EmptyPage_OffsetWithoutHasMoreOrTotalWithoutTheFlag_IsAShortPage()
    {
        var (outcome, requests) = await RunAsync(new() { Style = PaginationStyles.Offset }, stopOnEmptyPage: false, (_, _) => """{"data":[]}""");

        Assert.Equal(StopReasons.ShortPage, outcome.Result.StopReason);
        Assert.Equal(1, requests);
    }
}
