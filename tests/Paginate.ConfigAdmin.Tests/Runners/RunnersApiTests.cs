using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Paginate.ConfigAdmin.Runners;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Runners;

[Collection(RedisCollection.Name)]
public sealed partial class RunnersApiTests(RedisFixture redis)
{
    private static readonly Uri Upstream = new("https://api.example.test/v1/customers?email={{email}}");

    [Fact]
    public async Task Create_ValidDefinition_Returns201WithUrlsAndNormalizedConfig()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var response = await host.PostAsync("api/runners", Infrastructure.Runners.PageNumber(Upstream, "Customers"));
        var body = await Json.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches(RunnerId(), id);
        Assert.Equal($"/api/runners/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"https://gateway.example.test/r/{id}", body.GetProperty("runner_url").GetString());
        Assert.Equal(new Uri(host.BaseUri, $"runners/{id}").ToString(), body.GetProperty("management_url").GetString());
        Assert.Equal(new Uri(host.BaseUri, $"runners/{id}/analytics").ToString(), body.GetProperty("analytics_url").GetString());
        Assert.EndsWith("Z", body.GetProperty("created_at").GetString());
        var config = body.GetProperty("config");
        Assert.Equal("Customers", config.GetProperty("name").GetString());
        Assert.Equal(50, config.GetProperty("limits").GetProperty("max_pages").GetInt32());
        Assert.Equal(0, config.GetProperty("limits").GetProperty("max_retries").GetInt32());
        Assert.Equal("page_number", config.GetProperty("pagination").GetProperty("style").GetString());
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsTheSameObject_AndListShowsIt()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var created = await host.PostAsync("api/runners", Infrastructure.Runners.Single(Upstream, "Listed runner"));
        var createdBody = await Json.ReadAsync(created);
        var id = createdBody.GetProperty("id").GetString();

        using var got = await host.Client.GetAsync(new Uri($"api/runners/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(createdBody.GetRawText(), (await Json.ReadAsync(got)).GetRawText());

        using var list = await host.Client.GetAsync(new Uri("api/runners", UriKind.Relative));
        var runners = (await Json.ReadAsync(list)).GetProperty("runners").EnumerateArray().ToList();
        var line = Assert.Single(runners, r => r.GetProperty("id").GetString() == id);
        Assert.Equal("Listed runner", line.GetProperty("name").GetString());
        Assert.Equal($"https://gateway.example.test/r/{id}", line.GetProperty("runner_url").GetString());
        Assert.True(line.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task Create_InvalidDefinition_Returns400WithEveryErrorPerField()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        const string json = """
            {
              "name": "bad",
              "request": { "method": "DELETE", "url": "ftp://x", "static_headers": { "Authorization": "Bearer x" }, "colour": "red" },
              "pagination": { "style": "cursor" },
              "limits": { "max_pages": 5000 }
            }
            """;
        using var response = await host.PostJsonAsync("api/runners", json);
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(Json.Errors(problem, "request.colour"));

        // Without the unknown field, the value errors all come back at once.
        using var second = await host.PostJsonAsync("api/runners", json.Replace(", \"colour\": \"red\"", "", StringComparison.Ordinal));
        var problem2 = await Json.ProblemAsync(second, HttpStatusCode.BadRequest);
        var fields = problem2.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("request.method", fields);
        Assert.Contains("request.url", fields);
        Assert.Contains(fields, f => f.StartsWith("request.static_headers", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("pagination.cursor", StringComparison.Ordinal));
        Assert.Contains("limits.max_pages", fields);
    }

    [Fact]
    public async Task Create_BodyProblems_Are415Or400()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var text = await host.Client.PostAsync(new Uri("api/runners", UriKind.Relative), new StringContent("name=x", Encoding.UTF8, "text/plain"));
        await Json.ProblemAsync(text, HttpStatusCode.UnsupportedMediaType);

        using var malformed = await host.PostJsonAsync("api/runners", "{ \"name\": ");
        Assert.NotEmpty(Json.Errors(await Json.ProblemAsync(malformed, HttpStatusCode.BadRequest), "body"));

        using var array = await host.PostJsonAsync("api/runners", "[1, 2]");
        Assert.NotEmpty(Json.Errors(await Json.ProblemAsync(array, HttpStatusCode.BadRequest), "body"));
    }

    [Fact]
    public async Task Validate_CompilesWithoutStoring()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var before = await redis.Server.DumpAllAsync();
        using var ok = await host.PostAsync("api/runners/validate", Infrastructure.Runners.PageNumber(Upstream));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await Json.ReadAsync(ok);
        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Equal("email", body.GetProperty("placeholders")[0].GetString());
        Assert.Equal(50, body.GetProperty("config").GetProperty("limits").GetProperty("max_pages").GetInt32());

        using var bad = await host.PostJsonAsync("api/runners/validate", """{ "name": "x", "request": { "url": "https://a.example.test" }, "limits": { "max_pages": 0 } }""");
        Json.Errors(await Json.ProblemAsync(bad, HttpStatusCode.BadRequest), "limits.max_pages");
        Assert.Equal(before, await redis.Server.DumpAllAsync());
    }

    [Fact]
    public async Task Get_UnknownOrMalformedId_Is404Problem()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        foreach (var id in new[] { "rn_doesnotexist234567abcdefgh", "not-a-runner", "rn_..%2F..%2Fetc" })
        {
            using var response = await host.Client.GetAsync(new Uri($"api/runners/{id}", UriKind.Relative));
            await Json.ProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task PutPatchDelete_Are405_WithTheImmutableMessage()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(Upstream));
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, $"api/runners/{id}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            using var response = await host.Client.SendAsync(request);
            var problem = await Json.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
            Assert.Equal("Saved runners are immutable. Create a new runner for changes.", problem.GetProperty("detail").GetString());
            Assert.Contains("GET", response.Content.Headers.Allow);
        }

        using var still = await host.Client.GetAsync(new Uri($"api/runners/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Store_TwoConcurrentCreatesWithTheSameId_ExactlyOneWins_AndIsNeverOverwritten()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var store = host.Services.GetRequiredService<IRunnerStore>();
        var id = RunnerIds.NewId();
        StoredRunner Make(string name) => new()
        {
            Id = id,
            CreatedAt = DateTimeOffset.UtcNow,
            Config = new RunnerDefinition { Name = name, Request = new RequestSpec { Url = "https://a.example.test/x" } },
        };

        using var start = new ManualResetEventSlim();
        var first = Task.Run(async () => { start.Wait(); return await store.TryCreateAsync(Make("first")); });
        var second = Task.Run(async () => { start.Wait(); return await store.TryCreateAsync(Make("second")); });
        start.Set();
        var results = await Task.WhenAll(first, second);

        Assert.Single(results, r => r);
        var winner = results[0] ? "first" : "second";
        Assert.Equal(winner, (await store.GetAsync(id))!.Config.Name);
        Assert.False(await store.TryCreateAsync(Make("third")));
        Assert.Equal(winner, (await store.GetAsync(id))!.Config.Name);
    }

    [Fact]
    public async Task ManyParallelCreates_AllGetDistinctIds_AndAllAreStored()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var tasks = Enumerable.Range(0, 20).Select(i => host.CreateRunnerAsync(Infrastructure.Runners.Single(Upstream, $"parallel {i}")));
        var ids = await Task.WhenAll(tasks);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            using var response = await host.Client.GetAsync(new Uri($"api/runners/{id}", UriKind.Relative));
            Assert.Equal($"parallel {i}", (await Json.ReadAsync(response)).GetProperty("config").GetProperty("name").GetString());
        }
    }

    [Fact]
    public void NewIds_AreUrlSafe_WithAtLeast128RandomBits()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => RunnerIds.NewId()).ToList();
        Assert.All(ids, id => Assert.Matches(RunnerId(), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True((ids[0].Length - 3) * Math.Log2(32) >= 128);
    }

    [GeneratedRegex("^rn_[a-z2-7]{26}$")]
    private static partial Regex RunnerId();
}
