using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging.Strategies;

/// <summary>A cursor that cannot be a header value is refused clearly, never silently dropped from the next request.</summary>
public sealed class HeaderCursorTests
{
    [Theory]
    [InlineData("\"a\\nb\"")]
    [InlineData("\"a\\r\\nX-Injected: 1\"")]
    [InlineData("\"caf\\u00e9\"")]
    [InlineData("\"nul\\u0000\"")]
    public async Task Cursor_UnsendableInAHeader_FailsWithUnsupportedCursorInsteadOfADroppedHeader(string cursorJson)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            Respond(ctx, $$"""{"data":[{"id":1}],"next":{{cursorJson}}}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = new ParamPlacement { In = ParamLocations.Header, Name = "X-After" } },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits with { MaxRetries = 0 },
        });

        Assert.Equal(1, upstream.RequestCount);
        Assert.Equal(ErrorCodes.UnsupportedCursor, outcome.Result.ErrorCode);
        Assert.True(outcome.Result.Partial);
        Assert.Equal(
            "The cursor at cursor_path 'next' holds a control or non-ASCII character; it cannot be sent in a header (use a query or body cursor_param).",
            outcome.Result.ErrorDetail);
        Assert.Equal(["1"], outcome.Ids());
    }
}
