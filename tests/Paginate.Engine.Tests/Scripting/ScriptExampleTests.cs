using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.TestKit.Upstream;

using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

/// <summary>The examples of seed 003 (and docs/script-paging.md), each as a script against a real upstream.</summary>
public class ScriptExampleTests
{
    private const string ForwardedCanary = "Bearer canary-e2e-77d1";

    private static int Int(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name], CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static IEnumerable<object> Rows(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new { id = $"r{i}", name = $"Row {i}" });

    private static List<string?> Ids(ScriptLoopDriver.Result result) => [.. result.Items.Select(i => i.GetProperty("id").GetString())];

    [Fact]
    public async Task Example1_RelativePathNextLink_FollowsUntilNull()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/api/v2/records", (HttpContext c) =>
        {
            int page = Int(c, "page", 1);
            return Results.Json(new
            {
                records = Rows((page - 1) * 2, 2),
                paging = new { next = page < 3 ? $"/api/v2/records?filter=active&page={page + 1}" : null },
            });
        }));
        string script = $$"""
            // Example 1: each page holds the relative path of the next one.
            var base = "{{upstream.BaseUri.GetLeftPart(UriPartial.Authority)}}";
            var next = @response.body.get("/paging/next");
            @pager.stop(next == null);
            @request.uri.set(base + next);
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/api/v2/records?filter=active"), "records");
        Assert.Equal(3, result.Pages);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4", "r5"], Ids(result));
        Assert.Equal(StopReasons.ScriptStop, result.StopReason);
        Assert.Equal(["/api/v2/records?filter=active", "/api/v2/records?filter=active&page=2", "/api/v2/records?filter=active&page=3"],
            upstream.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Example2_FullPathNextLink_IsSetAsIs()
    {
        LoopbackUpstream? self = null;
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/v1/people", (HttpContext c) =>
        {
            int page = Int(c, "page", 1);
            return Results.Json(new { data = Rows(page * 10, 1), next_page_url = page < 4 ? self!.Url($"/v1/people?page={page + 1}").AbsoluteUri : null });
        }));
        self = upstream;
        const string script = """
            var next = @response.body.get("/next_page_url");
            @pager.stop(next == null);
            @request.uri.set(next);
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/v1/people"), "data");
        Assert.Equal(4, result.Pages);
        Assert.Equal(["r10", "r20", "r30", "r40"], Ids(result));
    }

    [Fact]
    public async Task Example3_PageBased_ReadsPageFromBodyAndIncrements()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/search", (HttpContext c) =>
        {
            int page = Int(c, "page", 1);
            return Results.Json(new { page, total_pages = 3, per_page = 2, results = Rows((page - 1) * 2, 2) });
        }));
        const string script = """
            var page = @response.body.get("/page");
            var totalPages = @response.body.get("/total_pages");
            @log("page", page, "of", totalPages);
            @pager.stop(page >= totalPages);
            @request.query.put("page", @increment(page));
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/search?q=shoes&page=1"), "results");
        Assert.Equal(3, result.Pages);
        Assert.Equal(6, result.Items.Count);
        Assert.Equal(["page 1 of 3", "page 2 of 3", "page 3 of 3"], result.Logs);
        Assert.Equal(["1", "2", "3"], upstream.Requests.Select(r => r.Query("page")));
        Assert.All(upstream.Requests, r => Assert.Equal("shoes", r.Query("q")));
    }

    [Fact]
    public async Task Example4_Cursor_StartingAfterTheLastItem()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/v1/customers", (HttpContext c) =>
        {
            string? after = c.Request.Query["starting_after"];
            int start = after is null ? 0 : int.Parse(after[4..], CultureInfo.InvariantCulture) + 1;
            int count = Math.Min(3, 7 - start);
            var data = Enumerable.Range(start, count).Select(i => new { id = $"cus_{i}", email = $"u{i}@example.com" });
            return Results.Json(new { @object = "list", data, has_more = start + count < 7 });
        }));
        const string script = """
            var hasMore = @response.body.get("/has_more");
            @pager.stop(!hasMore);
            var lastId = @response.body.get("/data/-1/id");
            @request.query.put("starting_after", lastId);
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/v1/customers?limit=3"), "data");
        Assert.Equal(3, result.Pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cus_{i}"), Ids(result));
        Assert.Equal([null, "cus_2", "cus_5"], upstream.Requests.Select(r => r.Query("starting_after")));
    }

    [Fact]
    public async Task Example5_Offset_AddsTheLimitUntilTheTotal()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/items", (HttpContext c) =>
        {
            int offset = Int(c, "offset", 0), limit = Int(c, "limit", 10);
            return Results.Json(new { total = 5, items = Rows(offset, Math.Max(0, Math.Min(limit, 5 - offset))) });
        }));
        const string script = """
            var limit = @toNumber(@request.query.get("limit"));
            var offset = @toNumber(@request.query.get("offset")) + limit;
            @pager.stop(offset >= @response.body.get("/total"));
            @request.query.put("offset", offset);
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/items?offset=0&limit=2"), "items");
        Assert.Equal(3, result.Pages);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], Ids(result));
        Assert.Equal(["0", "2", "4"], upstream.Requests.Select(r => r.Query("offset")));
    }

    [Fact]
    public async Task Example6_LinkHeader_GitHubStyle()
    {
        LoopbackUpstream? self = null;
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/repos/o/r/issues", (HttpContext c) =>
        {
            int page = Int(c, "page", 1);
            var links = new List<string>();
            if (page > 1)
            {
                links.Add($"<{self!.Url($"/repos/o/r/issues?per_page=2&page={page - 1}")}>; rel=\"prev\"");
            }

            if (page < 3)
            {
                links.Add($"<{self!.Url($"/repos/o/r/issues?per_page=2&page={page + 1}")}>; rel=\"next\"");
            }

            links.Add($"<{self!.Url("/repos/o/r/issues?per_page=2&page=3")}>; rel=\"last\"");
            c.Response.Headers.Link = string.Join(", ", links);
            return Results.Json(Rows(page * 100, 2));
        }));
        self = upstream;
        const string script = """
            var next = @response.header.getNextLink();
            @log("last page:", @response.header.getLastLink() != null);
            @pager.stop(next == null);
            @request.uri.set(next);
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/repos/o/r/issues?per_page=2"), "");
        Assert.Equal(3, result.Pages);
        Assert.Equal(["r100", "r101", "r200", "r201", "r300", "r301"], Ids(result));
        Assert.Equal(StopReasons.ScriptStop, result.StopReason);
    }

    [Fact]
    public async Task Example7_GraphQl_PageVariableInPostBody()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapPost("/graphql", async (HttpContext c) =>
        {
            var request = await JsonNode.ParseAsync(c.Request.Body);
            int page = request!["variables"]!["page"]!.GetValue<int>();
            int size = request["variables"]!["pageSize"]!.GetValue<int>();
            return Results.Json(new
            {
                data = new { customers = new { items = Rows((page - 1) * size, page < 3 ? size : 1), pageInfo = new { page, hasNextPage = page < 3 } } },
            });
        }));
        const string body = """
            {"query":"query Customers($page: Int!, $pageSize: Int!) { customers(page: $page, pageSize: $pageSize) { items { id name } pageInfo { page hasNextPage } } }",
             "variables":{"page":1,"pageSize":2}}
            """;
        const string script = """
            var info = "/data/customers/pageInfo";
            @pager.stop(@response.body.get(info + "/hasNextPage") == false);
            var page = @response.body.get(info + "/page");
            @request.body.put("/variables/page", @increment(page));
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/graphql"), "data.customers.items", body);
        Assert.Equal(3, result.Pages);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], Ids(result));
        var sent = upstream.Requests.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal([1, 2, 3], sent.Select(b => b["variables"]!["page"]!.GetValue<int>()));
        Assert.All(sent, b => Assert.StartsWith("query Customers", b["query"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(upstream.Requests, r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public async Task ScriptThatChangesNothing_StopsWithScriptStop()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", c => c.Response.WriteAsJsonAsync(new { items = Rows(0, 2) }));
        var result = await ScriptLoopDriver.RunAsync("@log(\"seen\", @pager.pageCount());", upstream.Url("/items"), "items");
        Assert.Equal(1, result.Pages);
        Assert.Equal(StopReasons.ScriptStop, result.StopReason);
        Assert.Equal(["seen 1"], result.Logs);
    }

    [Fact]
    public async Task ScriptThatRepeatsARequest_IsStoppedByTheLoop()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", c => c.Response.WriteAsJsonAsync(new { items = Rows(0, 1) }));
        // Alternates between two requests forever; the loop's repeated-request rule ends it.
        const string alternate = """
            var flip = (flip ?? false) == false;
            @request.query.put("p", @toString(flip));
            """;
        var result = await ScriptLoopDriver.RunAsync(alternate, upstream.Url("/items"), "items");
        Assert.Equal(StopReasons.RepeatedNext, result.StopReason);
        Assert.Equal(3, result.Pages);
    }

    [Fact]
    public async Task RuntimeError_EndsTheRunWithPosition()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", c => c.Response.WriteAsJsonAsync(new { items = Rows(0, 1), total = "many" }));
        const string script = """
            @log("checking");
            var left = @response.body.get("/total") - 1;
            """;
        var result = await ScriptLoopDriver.RunAsync(script, upstream.Url("/items"), "items");
        Assert.Equal(StopReasons.UpstreamError, result.StopReason);
        Assert.Equal("line 2, column 41: operator '-' needs numbers, got string and number", result.Error);
        Assert.Equal(["checking"], result.Logs);
    }

    [Fact]
    public async Task ForwardedHeaders_AreSentButInvisibleToTheScript_AndPlaceholderValuesAreMasked()
    {
        const string apiKey = "key_live_canary_3391";
        LoopbackUpstream? self = null;
        await using var upstream = await LoopbackUpstream.StartAsync(routes => routes.MapGet("/items", (HttpContext c) =>
        {
            int page = Int(c, "page", 1);
            return Results.Json(new { items = Rows(page, 1), next = page < 2 ? self!.Url($"/items?api_key={apiKey}&page={page + 1}").AbsoluteUri : null });
        }));
        self = upstream;
        const string script = """
            @log("auth:", @request.header.get("Authorization"));
            @log("uri:", @request.uri.get(), "key:", @request.query.get("api_key"));
            var next = @response.body.get("/next");
            @log("next:", next);
            @pager.stop(next == null);
            @request.uri.set(next);
            """;
        var result = await ScriptLoopDriver.RunAsync(
            script, upstream.Url($"/items?api_key={apiKey}"), "items", forwarded: [new("Authorization", ForwardedCanary)]);
        Assert.Equal(2, result.Pages);
        Assert.All(upstream.Requests, r => Assert.Equal(ForwardedCanary, r.Header("Authorization")));
        Assert.Contains("auth: null", result.Logs);
        Assert.All(result.Logs, l => Assert.DoesNotContain(apiKey, l, StringComparison.Ordinal));
        Assert.All(result.Logs, l => Assert.DoesNotContain("canary", l, StringComparison.Ordinal));
        Assert.Contains(result.Logs, l => l.StartsWith("next: http://127.0.0.1:", StringComparison.Ordinal) && l.Contains("api_key=***&page=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimitSettings_AreKept_AndAThrottledPageDelaysTheNext()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", c =>
        {
            c.Response.Headers["X-Throttled"] = "1";
            return c.Response.WriteAsJsonAsync(new { items = Rows(0, 1) });
        });
        var result = await ScriptLoopDriver.RunAsync(
            "@request.ratelimit.set([429, 403], \"X-Throttled\", 250, 2); @request.query.put(\"p\", @pager.pageCount());",
            upstream.Url("/items"), "items", maxPages: 2);
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.LastDelay);
        Assert.Equal(("X-Throttled", 250, 2), (result.RateLimit!.Header, result.RateLimit.WaitMs, result.RateLimit.Retries));
        Assert.Equal([429, 403], result.RateLimit!.StatusCodes);
    }
}
