using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.DryRuns;

[Collection(RedisCollection.Name)]
public sealed class DryRunTests(RedisFixture redis)
{
    private const string EmailCanary = "canary-email-q81x@example.test";

    [Fact]
    public async Task Draft_RunsEveryPage_ReturnsItemsMetaAndTrace_AndStoresNothing()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var before = await redis.Server.DumpAllAsync();

        using var response = await host.PostAsync("api/runners/test", new
        {
            config = PagedUpstream.Runner(upstream),
            test_headers = new Dictionary<string, string> { ["X-Api-Key"] = PagedUpstream.ApiKey },
            test_query = new Dictionary<string, string> { ["email"] = EmailCanary },
            max_pages = 10,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = await Json.ReadAsync(response);

        Assert.Equal(5, body.GetProperty("items").GetArrayLength());
        Assert.Equal("cus_1", body.GetProperty("items")[0].GetProperty("id").GetString());
        var meta = body.GetProperty("meta");
        Assert.Equal(3, meta.GetProperty("pages").GetInt32());
        Assert.Equal(5, meta.GetProperty("items").GetInt32());
        Assert.Equal("short_page", meta.GetProperty("stop_reason").GetString());
        var trace = body.GetProperty("trace").EnumerateArray().ToList();
        Assert.Equal(3, trace.Count);
        Assert.Equal(200, trace[0].GetProperty("status").GetInt32());
        Assert.Equal(2, trace[0].GetProperty("items").GetInt32());
        Assert.Equal("short_page", trace[2].GetProperty("stop_reason").GetString());
        Assert.False(trace[0].TryGetProperty("stop_reason", out _));

        // The values reached the upstream, but not the answer (the trace URL is masked) nor Redis.
        Assert.Equal(PagedUpstream.ApiKey, upstream.Requests[0].Header("X-Api-Key"));
        Assert.Equal(EmailCanary, upstream.Requests[0].Query("email"));
        Assert.DoesNotContain(EmailCanary, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PagedUpstream.ApiKey, text, StringComparison.Ordinal);
        Assert.Equal(before, await redis.Server.DumpAllAsync());
    }

    [Fact]
    public async Task Draft_MaxPages_CapsTheRun()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var response = await host.PostAsync("api/runners/test", new
        {
            config = PagedUpstream.Runner(upstream),
            test_headers = new Dictionary<string, string> { ["X-Api-Key"] = PagedUpstream.ApiKey },
            test_query = new Dictionary<string, string> { ["email"] = "a@b.test" },
            max_pages = 1,
        });
        var body = await Json.ReadAsync(response);
        Assert.Equal(1, body.GetProperty("meta").GetProperty("pages").GetInt32());
        Assert.Equal("max_pages", body.GetProperty("meta").GetProperty("stop_reason").GetString());
        Assert.Equal(1, upstream.RequestCount);
    }

    [Fact]
    public async Task Draft_BadInput_Is400PerField()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var missing = await host.PostAsync("api/runners/test", new { config = PagedUpstream.Runner(upstream) });
        Assert.Contains("email", Json.Errors(await Json.ProblemAsync(missing, HttpStatusCode.BadRequest), "test_query.email")[0], StringComparison.Ordinal);

        using var notForwarded = await host.PostAsync("api/runners/test", new
        {
            config = PagedUpstream.Runner(upstream),
            test_headers = new Dictionary<string, string> { ["X-Other"] = "v" },
            test_query = new Dictionary<string, string> { ["email"] = "a@b.test" },
        });
        Json.Errors(await Json.ProblemAsync(notForwarded, HttpStatusCode.BadRequest), "test_headers.X-Other");

        var badConfig = PagedUpstream.Runner(upstream);
        badConfig["pagination"] = new { style = "sideways" };
        using var invalid = await host.PostAsync("api/runners/test", new { config = badConfig, max_pages = 0, surprise = true });
        var problem = await Json.ProblemAsync(invalid, HttpStatusCode.BadRequest);
        Json.Errors(problem, "max_pages");
        Json.Errors(problem, "surprise");

        using var noConfig = await host.PostAsync("api/runners/test", new { test_query = new { } });
        Json.Errors(await Json.ProblemAsync(noConfig, HttpStatusCode.BadRequest), "config");

        using var wrongStyle = await host.PostAsync("api/runners/test", new { config = badConfig });
        Json.Errors(await Json.ProblemAsync(wrongStyle, HttpStatusCode.BadRequest), "config.pagination.style");
        Assert.Equal(0, upstream.RequestCount);
    }

    [Fact]
    public async Task Draft_FirstPageFails_AnswersWithTheErrorCodeAndTrace()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var response = await host.PostAsync("api/runners/test", new { config = Infrastructure.Runners.Single(upstream.Url("/broken")) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("upstream_status", body.GetProperty("meta").GetProperty("error_code").GetString());
        Assert.Equal(500, body.GetProperty("meta").GetProperty("upstream_status").GetInt32());
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        Assert.NotNull(body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Saved_Run_KeepsOnlyATestCallRecord()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(PagedUpstream.Runner(upstream));
        var keysBefore = await redis.Server.CommandAsync("KEYS", "*");

        using var response = await host.PostAsync($"api/runners/{id}/test", new
        {
            test_headers = new Dictionary<string, string> { ["x-api-key"] = PagedUpstream.ApiKey },
            test_query = new Dictionary<string, string> { ["email"] = EmailCanary },
        });
        var body = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, body.GetProperty("items").GetArrayLength());
        Assert.Equal(id, body.GetProperty("meta").GetProperty("runner_id").GetString());

        var newKeys = (await redis.Server.CommandAsync("KEYS", "*")).Except(keysBefore).Order(StringComparer.Ordinal).ToList();
        // The record list and the runner's lifetime counters next to it; nothing else.
        Assert.Equal(["paginate:calls:" + id, "{paginate:calls:" + id + "}:totals"], newKeys);
        var dump = await redis.Server.DumpAllAsync();
        Assert.Contains("\"test\"", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailCanary, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(PagedUpstream.ApiKey, dump, StringComparison.Ordinal);

        using var analytics = await host.Client.GetAsync(new Uri($"api/runners/{id}/analytics", UriKind.Relative));
        var report = await Json.ReadAsync(analytics);
        Assert.Equal(1, report.GetProperty("test_calls").GetInt32());
        Assert.Equal(0, report.GetProperty("clay_calls").GetInt32());
    }

    [Fact]
    public async Task Saved_UnknownRunner_Is404_AndNoBodyIsFineWithoutPlaceholders()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var unknown = await host.Client.PostAsync(new Uri("api/runners/rn_unknown2345678901234567890/test", UriKind.Relative), null);
        await Json.ProblemAsync(unknown, HttpStatusCode.NotFound);

        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(upstream.Url("/customers")));
        using var noBody = await host.Client.PostAsync(new Uri($"api/runners/{id}/test", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, noBody.StatusCode);
        Assert.Equal(401, (await Json.ReadAsync(noBody)).GetProperty("meta").GetProperty("upstream_status").GetInt32());
    }
}
