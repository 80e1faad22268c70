using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>Headers .NET keeps on the content (Content-Type, Content-Language) sent as static, forwarded or pagination headers.</summary>
public sealed class ContentHeaderTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task StaticAndForwardedContentHeaders_AreSentOnEveryPage(string method)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            Respond(ctx, ctx.Request.Query["page"].ToString() is "" or "1" ? Items(1, 2) : "[]"));

        var outcome = await RunAsync(
            new RunnerDefinition
            {
                Request = new()
                {
                    Method = method,
                    Url = upstream.Url("/items").ToString(),
                    StaticHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/vnd.api+json", ["X-Plain"] = "p" },
                    ForwardHeaders = ["Content-Language"],
                    Body = method == "POST" ? JsonDocument.Parse("""{"q":1}""").RootElement.Clone() : null,
                },
                Pagination = new() { Style = PaginationStyles.PageNumber },
                Response = new() { ItemsPath = string.Empty },
                Limits = FastLimits,
            },
            new RunRequest { ForwardedHeaders = [new("Content-Language", "de-CH")] });

        Assert.Null(outcome.Result.ErrorCode);
        Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        Assert.Equal(2, upstream.RequestCount);
        Assert.All(upstream.Requests, r =>
        {
            Assert.Equal(method, r.Method);
            Assert.Equal("application/vnd.api+json", r.Header("Content-Type"));
            Assert.Equal("de-CH", r.Header("Content-Language"));
            Assert.Equal("p", r.Header("X-Plain"));
            Assert.Equal(method == "POST" ? """{"q":1}""" : string.Empty, r.Body);
            Assert.Equal(method == "POST" ? "7" : "0", r.Header("Content-Length"));
        });
    }

    [Fact]
    public async Task Cursor_InAContentHeader_IsSent()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            Respond(ctx, ctx.Request.Headers.ContentLocation.Count == 0 ? """{"data":[{"id":"c1"}],"next":"c2"}""" : """{"data":[{"id":"c2"}],"next":null}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = new ParamPlacement { In = ParamLocations.Header, Name = "Content-Location" } },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["c1", "c2"], outcome.Ids());
        Assert.Equal("c2", upstream.Requests[1].Header("Content-Location"));
    }
}
