using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

/// <summary>Script runners through the real compiler and <see cref="PageLoop"/>, over loopback HTTP.</summary>
public sealed class ScriptPageLoopTests
{
    private static RunnerDefinition Runner(LoopbackUpstream upstream, string pathAndQuery, string script, string itemsPath, LimitsSpec? limits = null) => new()
    {
        Request = new() { Url = upstream.Url(pathAndQuery).ToString() },
        Pagination = new() { Style = PaginationStyles.Script, Script = script },
        Response = new() { ItemsPath = itemsPath },
        Limits = limits ?? FastLimits,
    };

    private static int Page(HttpContext context) =>
        int.TryParse(Query(context, "page"), CultureInfo.InvariantCulture, out int page) ? page : 1;

    [Fact]
    public async Task PageBased_ScriptIncrementsPage_StopsWithScriptStop()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/search", ctx =>
        {
            int page = Page(ctx);
            return Respond(ctx, $$"""{"page":{{page}},"total_pages":3,"results":{{Items((page * 2) - 1, 2)}}}""");
        }));
        const string script = """
            var page = @response.body.get("/page");
            @pager.stop(page >= @response.body.get("/total_pages"));
            @request.query.put("page", @increment(page));
            """;

        var outcome = await RunAsync(Runner(upstream, "/search?q=shoes&page=1", script, "results"));

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5", "i6"], outcome.Ids());
        Assert.Equal(["1", "2", "3"], upstream.Requests.Select(r => r.Query("page")));
    }

    [Fact]
    public async Task Cursor_StartingAfterLastItem_ThroughTheLoop()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/v1/customers", ctx =>
        {
            string after = Query(ctx, "starting_after");
            int start = after.Length == 0 ? 1 : int.Parse(after[1..], CultureInfo.InvariantCulture) + 1;
            int count = Math.Min(2, 6 - start);
            return Respond(ctx, $$"""{"object":"list","has_more":{{(start + count <= 5 ? "true" : "false")}},"data":{{Items(start, count)}}}""");
        }));
        const string script = """
            @pager.stop(!@response.body.get("/has_more"));
            @request.query.put("starting_after", @response.body.get("/data/-1/id"));
            """;

        var outcome = await RunAsync(Runner(upstream, "/v1/customers?limit=2", script, "data"));

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], outcome.Ids());
    }

    [Fact]
    public async Task GraphQl_PageInPostBodyVariables_ThroughTheLoop()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/graphql", async ctx =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            int page = body!["variables"]!["page"]!.GetValue<int>();
            string more = page < 3 ? "true" : "false";
            await Respond(ctx, "{\"data\":{\"customers\":{\"items\":" + Items(page * 10, 2)
                + ",\"pageInfo\":{\"page\":" + page.ToString(CultureInfo.InvariantCulture) + ",\"hasNextPage\":" + more + "}}}}");
        }));
        const string script = """
            var info = "/data/customers/pageInfo";
            @pager.stop(@response.body.get(info + "/hasNextPage") == false);
            @request.body.put("/variables/page", @increment(@response.body.get(info + "/page")));
            """;
        using var body = JsonDocument.Parse("""{"query":"query($page:Int!){ customers(page:$page){ items { id } pageInfo { page hasNextPage } } }","variables":{"page":1}}""");
        var runner = Runner(upstream, "/graphql", script, "data.customers.items") with
        {
            Request = new() { Method = "POST", Url = upstream.Url("/graphql").ToString(), Body = body.RootElement.Clone() },
        };

        var outcome = await RunAsync(runner);

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        Assert.Equal(["i10", "i11", "i20", "i21", "i30", "i31"], outcome.Ids());
        Assert.All(upstream.Requests, r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public async Task MaxPages_StillAppliesOnTopOfTheScript()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx => Respond(ctx, $$"""{"items":{{Items(Page(ctx), 1)}}}""")));
        const string script = "@request.query.put(\"page\", @pager.pageCount() + 1);";

        var outcome = await RunAsync(Runner(upstream, "/items", script, "items", FastLimits with { MaxPages = 4 }));

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(4, upstream.RequestCount);
    }

    [Fact]
    public async Task CrossOriginUri_IsNeverFollowed()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx => Respond(ctx, $$"""{"items":{{Items(1, 1)}}}""")));
        const string script = "@request.uri.set(\"https://elsewhere.example/items?page=2\");";

        var outcome = await RunAsync(Runner(upstream, "/items", script, "items"));

        Assert.Equal(StopReasons.CrossOriginNext, outcome.Result.StopReason);
        Assert.Equal(1, upstream.RequestCount);
    }

    [Fact]
    public async Task ScriptChangingNothing_StopsAfterThePage()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx => Respond(ctx, $$"""{"items":{{Items(1, 3)}}}""")));

        var outcome = await RunAsync(Runner(upstream, "/items?page=1", "var seen = @response.body.get(\"/items/0/id\");", "items"));

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        Assert.Equal(1, outcome.Result.Pages);
    }

    [Fact]
    public async Task RuntimeError_EndsTheRunWithScriptErrorAndPosition_KeepingItems()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
            Respond(ctx, $$"""{"items":{{Items(Page(ctx), 2)}},"page":{{Page(ctx)}}}""")));
        const string script = """
            var page = @response.body.get("/page");
            @request.query.put("page", page + 1);
            var broken = page / (2 - page);
            """;

        var outcome = await RunAsync(Runner(upstream, "/items?page=1", script, "items"));

        Assert.Equal(ErrorCodes.ScriptError, outcome.Result.ErrorCode);
        Assert.Equal("line 3, column 19: division by zero", outcome.Result.ErrorDetail);
        Assert.True(outcome.Result.Partial);
        Assert.Equal(["i1", "i2", "i2", "i3"], outcome.Ids());
    }

    [Fact]
    public async Task DryRunTrace_HoldsLogLines_WithForwardedAndPlaceholderValuesMasked()
    {
        const string apiKey = "key_canary_loop_4411";
        const string auth = "Bearer canary_loop_auth_9";
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            int page = Page(ctx);
            string next = page < 2 ? $"\"/items?api_key={apiKey}&page={page + 1}\"" : "null";
            return Respond(ctx, $$"""{"items":{{Items(page, 1)}},"next":{{next}},"who":"{{ctx.Request.Headers.Authorization}}"}""");
        }));
        const string script = """
            var next = @response.body.get("/next");
            @log("page", @pager.pageCount(), "next", next, "auth", @request.header.get("Authorization"));
            @log("echo", @response.body.get("/who"));
            @pager.stop(next == null);
            @request.uri.set(next);
            """;
        var runner = Runner(upstream, "/items?api_key={{key}}", script, "items") with
        {
            Request = new() { Url = upstream.Url("/items").ToString() + "?api_key={{key}}", ForwardHeaders = ["Authorization"] },
        };
        var request = new RunRequest
        {
            Values = new Dictionary<string, string> { ["key"] = apiKey },
            ForwardedHeaders = [new("Authorization", auth)],
            Trace = true,
        };

        var outcome = await RunAsync(runner, request);

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        var logs = outcome.Result.Trace!.SelectMany(t => t.Logs ?? []).ToList();
        Assert.Equal(4, logs.Count);
        Assert.StartsWith("page 1 next /items?api_key=***&page=2 auth null", logs[0], StringComparison.Ordinal);
        Assert.All(logs, l => Assert.DoesNotContain("canary", l, StringComparison.Ordinal));
        Assert.All(upstream.Requests, r => Assert.Equal(auth, r.Header("Authorization")));
    }

    [Fact]
    public void SyntaxError_RejectsTheRunnerWithPosition()
    {
        var result = RunnerCompiler.Compile(new RunnerDefinition
        {
            Name = "bad script",
            Request = new() { Url = "https://api.example.com/items" },
            Pagination = new() { Style = PaginationStyles.Script, Script = "var next = @response.body.get(\"/next\");\n@pager.stop(nxt == null);" },
            Response = new() { ItemsPath = "items" },
        });

        Assert.False(result.IsValid);
        Assert.StartsWith("line 2, column 13: unknown variable 'nxt'", Assert.Single(result.Errors["pagination.script"]), StringComparison.Ordinal);
    }

    private const string ThrottledScript = """
        @request.ratelimit.set([403], null, 1, 2);
        var page = @response.body.get("/page");
        @pager.stop(page >= 2);
        @request.query.put("page", page + 1);
        """;

    /// <summary>Page 2 answers 403 (a throttle the loop alone would not retry) <paramref name="refusals"/> times, then items.</summary>
    private static Task<LoopbackUpstream> ThrottlingUpstreamAsync(int refusals)
    {
        int refused = 0;
        return LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            int page = Page(ctx);
            if (page == 2 && Interlocked.Increment(ref refused) <= refusals)
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return Respond(ctx, $$"""{"page":{{page}},"items":{{Items(page, 1)}}}""");
        }));
    }

    [Fact]
    public async Task RateLimit_AllowListedStatus_IsAskedAgainUpToTheRetryCount()
    {
        await using var upstream = await ThrottlingUpstreamAsync(refusals: 2);

        var outcome = await RunAsync(Runner(upstream, "/items?page=1", ThrottledScript, "items"));

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2"], outcome.Ids());
        Assert.Equal(["1", "2", "2", "2"], upstream.Requests.Select(r => r.Query("page")));
        Assert.Equal(2, outcome.Result.Retries);
    }

    [Fact]
    public async Task RateLimit_RetryCountSpent_TheFailureStands()
    {
        await using var upstream = await ThrottlingUpstreamAsync(refusals: 3);

        var outcome = await RunAsync(Runner(upstream, "/items?page=1", ThrottledScript, "items"));

        Assert.True(outcome.Result.Partial);
        Assert.Equal(StopReasons.UpstreamError, outcome.Result.StopReason);
        Assert.Equal(403, outcome.Result.UpstreamStatus);
        Assert.Equal(["i1"], outcome.Ids());
        Assert.Equal(3, upstream.RequestCount - 1);
    }
}
