using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Analytics;

[Collection(RedisCollection.Name)]
public sealed class AnalyticsTests(RedisFixture redis)
{
    [Fact]
    public async Task Analytics_AggregateRealTestCalls_AndLiveRecords_PerWindow()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(upstream.Url("/customers?page=1")));
        var broken = await host.CreateRunnerAsync(Infrastructure.Runners.Single(upstream.Url("/broken")));

        // Live calls as the gateway records them (in time order): 40 days ago, 3 days ago, then now.
        var records = host.Services.GetRequiredService<ICallRecordStore>();
        var now = DateTimeOffset.UtcNow;
        await records.AppendAsync(id, Live(now.AddDays(-40), items: 7, pages: 1, retries: 0));
        await records.AppendAsync(id, Live(now.AddDays(-3), items: 10, pages: 1, retries: 0));

        // Two real test runs: one 401 from the upstream (no key sent), then the broken runner's 500.
        (await host.Client.PostAsync(new Uri($"api/runners/{id}/test", UriKind.Relative), null)).Dispose();
        (await host.Client.PostAsync(new Uri($"api/runners/{broken}/test", UriKind.Relative), null)).Dispose();
        await records.AppendAsync(id, Live(DateTimeOffset.UtcNow, items: 250, pages: 3, retries: 1));

        var day = await GetAsync(host, $"api/runners/{id}/analytics?window=24h");
        Assert.Equal("24h", day.GetProperty("window").GetString());
        Assert.Equal(2, day.GetProperty("total_calls").GetInt32());
        Assert.Equal(1, day.GetProperty("clay_calls").GetInt32());
        Assert.Equal(1, day.GetProperty("test_calls").GetInt32());
        Assert.Equal(250, day.GetProperty("items_returned").GetInt32());
        Assert.Equal(1, day.GetProperty("retries").GetInt32());
        Assert.Equal(1.5, day.GetProperty("avg_pages").GetDouble()); // 3 pages live, 0 for the failed first page
        Assert.Equal(1, day.GetProperty("status_codes").GetProperty("200").GetInt32());
        Assert.Equal(1, day.GetProperty("status_codes").GetProperty("401").GetInt32());
        Assert.Equal(1, day.GetProperty("stop_reasons").GetProperty("no_next_page").GetInt32());
        Assert.Equal(1, day.GetProperty("error_codes").GetProperty("upstream_status").GetInt32());
        Assert.Equal(2, day.GetProperty("recent").GetArrayLength());
        Assert.Equal("live", day.GetProperty("recent")[0].GetProperty("mode").GetString());
        var series = day.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(24, series.Count);
        Assert.Equal(2, series.Sum(p => p.GetProperty("calls").GetInt32()));
        Assert.Equal(1, series.Sum(p => p.GetProperty("errors").GetInt32()));

        var week = await GetAsync(host, $"api/runners/{id}/analytics?window=7d");
        Assert.Equal("7d", week.GetProperty("window").GetString());
        Assert.Equal(3, week.GetProperty("total_calls").GetInt32());
        Assert.Equal(7, week.GetProperty("series").GetArrayLength());

        var all = await GetAsync(host, $"api/runners/{id}/analytics?window=all");
        Assert.Equal("all", all.GetProperty("window").GetString());
        Assert.Equal(4, all.GetProperty("total_calls").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("since").ValueKind);
        Assert.Equal(3, all.GetProperty("clay_calls").GetInt32());
        Assert.Equal(4, all.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("calls").GetInt32()));

        var brokenReport = await GetAsync(host, $"api/runners/{broken}/analytics?window=30d");
        Assert.Equal(1, brokenReport.GetProperty("status_codes").GetProperty("500").GetInt32());
        Assert.Equal(1, brokenReport.GetProperty("test_calls").GetInt32());
    }

    [Fact]
    public async Task Analytics_BadWindowOrUnknownRunner_AreProblems()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        using var bad = await host.Client.GetAsync(new Uri($"api/runners/{id}/analytics?window=1y", UriKind.Relative));
        Json.Errors(await Json.ProblemAsync(bad, HttpStatusCode.BadRequest), "window");
        using var unknown = await host.Client.GetAsync(new Uri("api/runners/rn_unknown2345678901234567890/analytics", UriKind.Relative));
        await Json.ProblemAsync(unknown, HttpStatusCode.NotFound);

        var empty = await GetAsync(host, $"api/runners/{id}/analytics");
        Assert.Equal(0, empty.GetProperty("total_calls").GetInt32());
        Assert.Equal(0, empty.GetProperty("avg_duration_ms").GetDouble());
    }

    [Fact]
    public async Task Analytics_TotalsAreLifetime_PastTheKeptRecords_AndSinceNarrowsToThem()
    {
        await using var own = await RedisServer.StartAsync();
        await using var host = await AdminHost.StartAsync(own.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/life")));
        var records = host.Services.GetRequiredService<ICallRecordStore>();
        var now = DateTimeOffset.UtcNow;
        // One call a minute, newest first in time: 5 more than the list keeps.
        var calls = RedisCallRecordStore.DefaultMaxPerRunner + 5;
        await records.AppendManyAsync([.. Enumerable.Range(0, calls).Select(i => (id, Live(now.AddMinutes(-i).AddSeconds(-30), items: 2, pages: 1, retries: 0)))]);

        var lifetime = await GetAsync(host, $"api/runners/{id}/analytics");
        var since = new DateTimeOffset(now.AddHours(-1).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var hour = await GetAsync(host, $"api/runners/{id}/analytics?since={Uri.EscapeDataString(since.ToString("O"))}");
        var overview = await GetAsync(host, "api/overview");

        Assert.Equal("all", lifetime.GetProperty("window").GetString());
        Assert.Equal(calls, lifetime.GetProperty("total_calls").GetInt32());
        Assert.Equal(calls, lifetime.GetProperty("clay_calls").GetInt32());
        Assert.Equal(2L * calls, lifetime.GetProperty("items_returned").GetInt64());
        Assert.Equal(calls, lifetime.GetProperty("stop_reasons").GetProperty("no_next_page").GetInt32());
        Assert.Equal(AnalyticsRecentCount, lifetime.GetProperty("recent").GetArrayLength());
        Assert.Equal("since", hour.GetProperty("window").GetString());
        Assert.Equal(since, hour.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(60, hour.GetProperty("total_calls").GetInt32());
        Assert.Equal(120, hour.GetProperty("items_returned").GetInt32());
        Assert.Equal(calls, overview.GetProperty("total_calls").GetInt32());
        Assert.Equal(calls, overview.GetProperty("clay_calls").GetInt32());
    }

    [Fact]
    public async Task Analytics_BadSince_OrSinceWithWindow_NameTheField()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/since")));

        using var bad = await host.Client.GetAsync(new Uri($"api/runners/{id}/analytics?since=yesterday", UriKind.Relative));
        using var both = await host.Client.GetAsync(new Uri($"api/runners/{id}/analytics?since=2026-01-01T00:00:00Z&window=7d", UriKind.Relative));

        Json.Errors(await Json.ProblemAsync(bad, HttpStatusCode.BadRequest), "since");
        Json.Errors(await Json.ProblemAsync(both, HttpStatusCode.BadRequest), "since");
    }

    private const int AnalyticsRecentCount = 50;

    [Fact]
    public async Task Overview_CountsRunnersAndCalls()
    {
        await using var own = await RedisServer.StartAsync();
        await using var host = await AdminHost.StartAsync(own.ConnectionString);
        var a = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/a")));
        var b = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/b")));
        var records = host.Services.GetRequiredService<ICallRecordStore>();
        await records.AppendAsync(a, Live(DateTimeOffset.UtcNow, 1, 1, 0));
        await records.AppendAsync(b, Live(DateTimeOffset.UtcNow, 1, 1, 0));
        await records.AppendAsync(b, Live(DateTimeOffset.UtcNow, 1, 1, 0) with { Mode = "test" });

        var overview = await GetAsync(host, "api/overview");
        Assert.Equal(2, overview.GetProperty("active_runners").GetInt32());
        Assert.Equal(3, overview.GetProperty("total_calls").GetInt32());
        Assert.Equal(2, overview.GetProperty("clay_calls").GetInt32());
    }

    private static CallRecord Live(DateTimeOffset at, long items, int pages, int retries) => new()
    {
        At = at,
        Mode = "live",
        Outcome = "success",
        Pages = pages,
        Items = items,
        DurationMs = 100,
        UpstreamStatus = 200,
        StopReason = "no_next_page",
        Retries = retries,
    };

    private static async Task<System.Text.Json.JsonElement> GetAsync(AdminHost host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }
}
