using System.Net;
using System.Text.Json;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Detection;

[Collection(RedisCollection.Name)]
public sealed class DetectTests(RedisFixture redis)
{
    public static TheoryData<string, string, string, string, string> Shapes => new()
    {
        // path, expected best style, key field, its value, items_path
        { "/github", "link_header", "style", "link_header", "" },
        { "/jsonapi", "next_link", "next_link_path", "links.next", "data" },
        { "/hubspot", "next_link", "next_link_path", "paging.next.link", "results" },
        { "/hal", "next_link", "next_link_path", "_links.next.href", "_embedded.orders" },
        { "/odata", "next_link", "next_link_path", "/@odata.nextLink", "value" },
        { "/stripe", "cursor", "cursor_path", "$last_item.id", "data" },
        { "/slack", "cursor", "cursor_path", "response_metadata.next_cursor", "members" },
        { "/pages", "page_number", "total_pages_path", "total_pages", "items" },
        { "/offset", "offset", "total_path", "total", "results" },
        { "/cursor", "cursor", "cursor_path", "next_cursor", "data" },
        { "/drf", "next_link", "next_link_path", "next", "results" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Detect_WellKnownShape_SuggestsItFirst(string path, string style, string field, string value, string itemsPath)
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var suggestions = await DetectAsync(host, new { request = new { method = "GET", url = upstream.Url(path).ToString() } });

        var best = suggestions[0];
        Assert.Equal(style, best.GetProperty("pagination").GetProperty("style").GetString());
        Assert.Equal(value, best.GetProperty("pagination").GetProperty(field).GetString());
        Assert.Equal(itemsPath, best.GetProperty("response").GetProperty("items_path").GetString());
        AssertWellFormed(suggestions);
    }

    [Fact]
    public async Task Detect_GraphQlConnection_SuggestsEndCursorIntoVariables()
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var suggestions = await DetectAsync(host, new
        {
            request = new
            {
                method = "POST",
                url = upstream.Url("/graphql").ToString(),
                body = new { query = "query($after: String) { users(first: 1, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }", variables = new { first = 1 } },
            },
        });

        var pagination = suggestions[0].GetProperty("pagination");
        Assert.Equal("cursor", pagination.GetProperty("style").GetString());
        Assert.Equal("data.users.pageInfo.endCursor", pagination.GetProperty("cursor_path").GetString());
        Assert.Equal("data.users.pageInfo.hasNextPage", pagination.GetProperty("has_more_path").GetString());
        Assert.Equal("body", pagination.GetProperty("cursor_param").GetProperty("in").GetString());
        Assert.Equal("/variables/after", pagination.GetProperty("cursor_param").GetProperty("name").GetString());
        Assert.Equal("data.users.nodes", suggestions[0].GetProperty("response").GetProperty("items_path").GetString());
        AssertWellFormed(suggestions);
    }

    [Fact]
    public async Task Detect_SuggestionsCompileAsRunners_AndCanBeCreated()
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var request = new { method = "GET", url = upstream.Url("/stripe").ToString() };
        var suggestions = await DetectAsync(host, new { request });
        foreach (var suggestion in suggestions)
        {
            var definition = new Dictionary<string, object>
            {
                ["name"] = "from detection",
                ["request"] = request,
                ["pagination"] = suggestion.GetProperty("pagination"),
                ["response"] = suggestion.GetProperty("response"),
            };
            await host.CreateRunnerAsync(definition);
        }
    }

    [Fact]
    public async Task Detect_NoPagingHints_SuggestsNone()
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var suggestions = await DetectAsync(host, new { request = new { url = upstream.Url("/single").ToString() } });
        Assert.Equal("none", suggestions[0].GetProperty("pagination").GetProperty("style").GetString());
    }

    [Fact]
    public async Task Detect_UsesTestHeadersAndQuery_WithoutEchoingThem_AndStoresNothing()
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var before = await redis.Server.DumpAllAsync();
        using var response = await host.PostAsync("api/runners/detect", new
        {
            request = new { url = upstream.Url("/secret?q={{term}}").ToString(), forward_headers = new[] { "Authorization" } },
            test_headers = new Dictionary<string, string> { ["Authorization"] = "Bearer canary-detect-secret" },
            test_query = new Dictionary<string, string> { ["term"] = "canary-detect-term" },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("canary-detect-term", upstream.Requests[0].Query("q"));
        Assert.DoesNotContain("canary-detect", text, StringComparison.Ordinal);
        Assert.Equal(before, await redis.Server.DumpAllAsync());
    }

    [Fact]
    public async Task Detect_Failures_AreProblems()
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var unauthorized = await host.PostAsync("api/runners/detect", new { request = new { url = upstream.Url("/secret").ToString() } });
        var problem = await Json.ProblemAsync(unauthorized, HttpStatusCode.BadGateway);
        Assert.Equal(401, problem.GetProperty("upstream_status").GetInt32());

        using var missing = await host.PostAsync("api/runners/detect", new { request = new { url = upstream.Url("/single?x={{x}}").ToString() } });
        Json.Errors(await Json.ProblemAsync(missing, HttpStatusCode.BadRequest), "test_query.x");

        using var climbing = await host.PostAsync("api/runners/detect", new
        {
            request = new { url = upstream.Url("/accounts/{{account}}/items").ToString() },
            test_query = new Dictionary<string, string> { ["account"] = ".." },
        });
        Json.Errors(await Json.ProblemAsync(climbing, HttpStatusCode.BadRequest), "test_query.account");
        Assert.DoesNotContain(upstream.Requests, r => r.Path.Contains("items", StringComparison.Ordinal));

        using var noRequest = await host.PostAsync("api/runners/detect", new { test_query = new { } });
        Json.Errors(await Json.ProblemAsync(noRequest, HttpStatusCode.BadRequest), "request");

        using var badUrl = await host.PostAsync("api/runners/detect", new { request = new { url = "not a url" } });
        Json.Errors(await Json.ProblemAsync(badUrl, HttpStatusCode.BadRequest), "request.url");
    }

    [Fact]
    public async Task Detect_PrivateUpstream_IsRefused_WhenNotAllowed()
    {
        await using var upstream = await ApiShapes.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?> { ["Gateway:AllowPrivateUpstreams"] = "false" });

        // http and loopback are both refused: by validation first, by the connection guard for https.
        using var http = await host.PostAsync("api/runners/detect", new { request = new { url = upstream.Url("/single").ToString() } });
        Json.Errors(await Json.ProblemAsync(http, HttpStatusCode.BadRequest), "request.url");

        var https = new UriBuilder(upstream.Url("/single")) { Scheme = "https" }.Uri.ToString();
        using var guarded = await host.PostAsync("api/runners/detect", new { request = new { url = https } });
        var status = guarded.StatusCode;
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.BadGateway, $"got {status}");
        Assert.Equal(0, upstream.RequestCount);
    }

    private static async Task<List<JsonElement>> DetectAsync(AdminHost host, object body)
    {
        using var response = await host.PostAsync("api/runners/detect", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var suggestions = JsonDocument.Parse(text).RootElement.GetProperty("suggestions").EnumerateArray().Select(e => e.Clone()).ToList();
        Assert.NotEmpty(suggestions);
        return suggestions;
    }

    private static void AssertWellFormed(List<JsonElement> suggestions)
    {
        var confidences = suggestions.Select(s => s.GetProperty("confidence").GetDouble()).ToList();
        Assert.All(confidences, c => Assert.InRange(c, 0, 1));
        Assert.Equal(confidences.OrderByDescending(c => c), confidences);
        Assert.All(suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("evidence").GetString())));
    }
}
