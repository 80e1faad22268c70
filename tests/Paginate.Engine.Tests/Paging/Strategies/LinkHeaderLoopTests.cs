using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging.Strategies;

/// <summary>A malformed <c>Link</c> header through the real loop: a clean stop or a real link, never a junk request.</summary>
public sealed class LinkHeaderLoopTests
{
    [Theory]
    [InlineData("</items?page=2 x>; rel=\"next\"")]
    [InlineData("</items?page=2>; rel=\"next")]
    [InlineData("</items?page=2; rel=next")]
    [InlineData("rel=\"next\"; </items?page=2>")]
    public async Task LinkHeader_MalformedNext_StopsCleanlyAfterOnePage(string link)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            ctx.Response.Headers.Append("Link", link);
            return Respond(ctx, Items(1, 2));
        });

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.LinkHeader },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.False(outcome.Result.Partial);
        Assert.Null(outcome.Result.ErrorCode);
        Assert.Equal(["i1", "i2"], outcome.Ids());
        Assert.Equal("/items", upstream.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task LinkHeader_UnclosedLinkBeforeTheNextOne_FollowsTheWellFormedLinkOnly()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            var page = ctx.Request.Query["page"].ToString();
            if (page.Length == 0)
            {
                ctx.Response.Headers.Append("Link", "</items?page=1, </items?page=2>; rel=\"next\"");
            }

            return Respond(ctx, page.Length == 0 ? Items(1, 2) : Items(3, 1));
        });

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.LinkHeader },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
        Assert.Equal(["/items", "/items?page=2"], upstream.Requests.Select(r => r.PathAndQuery));
    }
}
