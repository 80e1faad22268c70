using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging.Strategies;

/// <summary>CONTRACT §1 <c>response.items_path</c>: JSON null is an empty page; missing or another value stays an error.</summary>
public sealed class NullItemsTests
{
    [Fact]
    public async Task ItemsNull_OnTheFirstPage_IsASuccessWithNoItems()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/users", ctx => Respond(ctx, """{"users":null,"next_token":null}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/users").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next_token", CursorParam = ParamPlacement.Query("token") },
            Response = new() { ItemsPath = "users" },
            Limits = FastLimits,
        });

        Assert.False(outcome.Result.FirstPageFailed);
        Assert.True(outcome.Started);
        Assert.Null(outcome.Result.ErrorCode);
        Assert.False(outcome.Result.Partial);
        Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        Assert.Equal(1, outcome.Result.Pages);
        Assert.Empty(outcome.Items);
    }

    [Fact]
    public async Task ItemsNull_OnTheLastPage_EndsACompleteWalk()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/users", ctx =>
            Respond(ctx, ctx.Request.Query["token"].Count == 0
                ? """{"users":[{"id":"u1"},{"id":"u2"}],"next_token":"t2"}"""
                : """{"users":null,"next_token":null}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/users").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next_token", CursorParam = ParamPlacement.Query("token") },
            Response = new() { ItemsPath = "users" },
            Limits = FastLimits with { StopOnEmptyPage = false },
        });

        Assert.Null(outcome.Result.ErrorCode);
        Assert.False(outcome.Result.Partial);
        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(2, outcome.Result.Pages);
        Assert.Equal(["u1", "u2"], outcome.Ids());
    }

    [Theory]
    [InlineData("""{"users":false}""", "a boolean")]
    [InlineData("""{"users":{}}""", "an object")]
    [InlineData("""{"people":[]}""", "nothing")]
    public async Task ItemsNotNullAndNotAnArray_StaysItemsPathNotFound(string body, string found)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/users", ctx => Respond(ctx, body));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/users").ToString() },
            Response = new() { ItemsPath = "users" },
            Limits = FastLimits,
        });

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(ErrorCodes.ItemsPathNotFound, outcome.Result.ErrorCode);
        Assert.Contains($"but found {found}", outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }
}
