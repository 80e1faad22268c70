using System.Text.RegularExpressions;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit.Upstream;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;

namespace Paginate.Gateway.Tests.Telemetry;

public sealed partial class MetricsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public MetricsTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Scrape_AfterRealCallsAndDenials_HasTheContractSeriesWithExactValues()
    {
        // Its own Redis and a fake clock: the catalog holds one runner, and the call lasts exactly 30 ms.
        await using var redis = await RedisServer.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var attempts = 0;
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            if (Interlocked.Increment(ref attempts) == 1)
            {
                ctx.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            // Page 1 (after one retry) has three items, page 2 two, page 3 none: 2 pages with items, 5 items.
            var page = ctx.Request.Query["page"].ToString();
            return ctx.Response.WriteAsync(page switch
            {
                "1" => """{"data":[{"id":1},{"id":2},{"id":3}]}""",
                "2" => """{"data":[{"id":4},{"id":5}]}""",
                _ => """{"data":[]}""",
            });
        });
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Pagination = new PaginationSpec { Style = PaginationStyles.PageNumber },
            Limits = new LimitsSpec { MaxRetries = 1, RetryDelayMs = 0 },
        });
        await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString, new GatewayHost.Settings
        {
            AllowedNetworks = ["127.0.0.1/32"],
            TrustedProxies = ["127.0.0.1/32"],
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(clock),
        });

        var ok = await gateway.CallAsync(id);
        await ok.Content.ReadAsStringAsync();
        // Through a trusted proxy from outside the allowlist, without a token: denied.
        var denied = await gateway.CallAsync(id, headers: [new("X-Forwarded-For", "203.0.113.9")]);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        var text = await gateway.Management.GetStringAsync("/metrics");
        var names = SampleNames(text);
        Assert.Contains("paginate_call_duration_seconds_count", names);
        Assert.Contains("paginate_call_seconds_total", names);
        Assert.Contains("paginate_upstream_request_duration_seconds_bucket", names);
        Assert.Contains("http_server_request_duration_seconds_bucket", names);
        Assert.DoesNotContain(names, n => n.Contains("_seconds_seconds", StringComparison.Ordinal) || n.Contains("_total_total", StringComparison.Ordinal));

        var runner = $"runner_id=\"{id}\"";
        Assert.Equal("1", Sample(text, "paginate_calls_total", runner, "outcome=\"success\"", "stop_reason=\"empty_page\""));
        Assert.Equal("3", Sample(text, "paginate_pages_total", runner));
        Assert.Equal("5", Sample(text, "paginate_items_total", runner));
        Assert.Equal("1", Sample(text, "paginate_retries_total", runner));
        Assert.Equal("1", Sample(text, "paginate_upstream_requests_total", runner, "status_code=\"503\""));
        Assert.Equal("3", Sample(text, "paginate_upstream_requests_total", runner, "status_code=\"200\""));
        Assert.Equal("1", Sample(text, "paginate_access_denied_total", "reason=\"missing_token\""));
        Assert.Equal("1", Sample(text, "paginate_runners_loaded"));
        Assert.Equal("0.04", Sample(text, "paginate_call_seconds_total", runner));
        // Four upstream answers at 10 ms of the fake clock each: 40 ms lands in the 0.05 bucket, not the 0.025 one.
        Assert.Equal("0", Sample(text, "paginate_call_duration_seconds_bucket", "le=\"0.025\""));
        Assert.Equal("1", Sample(text, "paginate_call_duration_seconds_bucket", "le=\"0.05\""));
    }

    [Fact]
    public async Task Scrape_BeforeAnyCall_HasTheCatalogAndRedisGauges()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        await TestRunners.PublishAsync(connection, TestRunners.Simple("http://127.0.0.1:9/items"));
        await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString);

        var text = await gateway.Management.GetStringAsync("/metrics");

        Assert.Equal("0", Sample(text, "paginate_catalog_stale"));
        Assert.Equal("1", Sample(text, "paginate_redis_connected"));
        Assert.Equal("1", Sample(text, "paginate_runners_loaded"));
    }

    [Fact]
    public async Task Scrape_TextFormat_IsPrometheus004()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.Management.GetAsync("/metrics");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType?.Parameters.FirstOrDefault(p => p.Name == "version")?.Value);
    }

    /// <summary>The value of the one sample named <paramref name="name"/> that carries every label given.</summary>
    public static string Sample(string text, string name, params string[] labels)
    {
        var lines = text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal))).ToList();
        Assert.True(lines.Count == 1, $"expected one {name} sample with {string.Join(",", labels)}, found {lines.Count}");
        return lines[0][(lines[0].LastIndexOf(' ') + 1)..];
    }

    [Fact]
    public async Task Scrape_AnotherGatewayInTheProcessStops_OwnSeriesRemain()
    {
        await using var kept = await GatewayHost.StartAsync(_redis.ConnectionString);
        var stopped = await GatewayHost.StartAsync(_redis.ConnectionString);
        await kept.CallAsync("rn_unknown_kept");

        await stopped.DisposeAsync();
        var first = await kept.Management.GetStringAsync("/metrics");
        var second = await kept.Management.GetStringAsync("/metrics");

        foreach (var text in new[] { first, second })
        {
            Assert.Single(text.Split('\n'), l => l.StartsWith("paginate_runners_loaded{", StringComparison.Ordinal));
            Assert.Contains(text.Split('\n'), l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal));
        }
    }

    private static HashSet<string> SampleNames(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleName().Match(l).Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
