using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Engine.Paging;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.Gateway.Tests.Telemetry;

public sealed partial class MetricsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public MetricsTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Scrape_AfterCallsAndDenials_HasTheContractSeriesNamedExactly()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { AllowedNetworks = ["10.0.0.0/8"] });
        await gateway.CallAsync("rn_unknown");
        var metrics = gateway.Services.GetRequiredService<GatewayMetrics>();
        metrics.CallCompleted("rn_m", "success", new RunResult { Pages = 2, Items = 5, Retries = 1, StopReason = StopReasons.NoNextPage }, TimeSpan.FromMilliseconds(30));
        metrics.UpstreamRequest("rn_m", 200, TimeSpan.FromMilliseconds(10));
        metrics.CallRecordDropped();

        var text = await gateway.Management.GetStringAsync("/metrics");
        var names = SampleNames(text);

        Assert.Contains("paginate_calls_total", names);
        Assert.Contains("paginate_call_duration_seconds_bucket", names);
        Assert.Contains("paginate_call_duration_seconds_count", names);
        Assert.Contains("paginate_call_seconds_total", names);
        Assert.Contains("paginate_pages_total", names);
        Assert.Contains("paginate_items_total", names);
        Assert.Contains("paginate_upstream_requests_total", names);
        Assert.Contains("paginate_upstream_request_duration_seconds_bucket", names);
        Assert.Contains("paginate_retries_total", names);
        Assert.Contains("paginate_access_denied_total", names);
        Assert.Contains("paginate_runners_loaded", names);
        Assert.Contains("paginate_catalog_stale", names);
        Assert.Contains("paginate_redis_connected", names);
        Assert.Contains("paginate_call_records_dropped_total", names);
        Assert.Contains("http_server_request_duration_seconds_bucket", names);
        Assert.DoesNotContain(names, n => n.Contains("_seconds_seconds", StringComparison.Ordinal) || n.Contains("_total_total", StringComparison.Ordinal));

        Assert.Equal("1", Sample(text, "paginate_calls_total", "runner_id=\"rn_m\"", "outcome=\"success\"", "stop_reason=\"no_next_page\""));
        Assert.Equal("1", Sample(text, "paginate_upstream_requests_total", "runner_id=\"rn_m\"", "status_code=\"200\""));
        Assert.Equal("1", Sample(text, "paginate_access_denied_total", "reason=\"missing_token\""));
        Assert.Equal("5", Sample(text, "paginate_items_total", "runner_id=\"rn_m\""));
        Assert.Equal("2", Sample(text, "paginate_pages_total", "runner_id=\"rn_m\""));
        Assert.Equal("1", Sample(text, "paginate_retries_total", "runner_id=\"rn_m\""));
        Assert.Equal("0.03", Sample(text, "paginate_call_seconds_total", "runner_id=\"rn_m\""));
        // Recorded in seconds: 30 ms lands in the 0.05 bucket, not the 0.025 one.
        Assert.Equal("0", Sample(text, "paginate_call_duration_seconds_bucket", "le=\"0.025\""));
        Assert.Equal("1", Sample(text, "paginate_call_duration_seconds_bucket", "le=\"0.05\""));
    }

    [Fact]
    public async Task Scrape_BeforeAnyCall_HasTheCatalogAndRedisGauges()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var text = await gateway.Management.GetStringAsync("/metrics");

        Assert.Equal("0", Sample(text, "paginate_catalog_stale"));
        Assert.Equal("1", Sample(text, "paginate_redis_connected"));
        Assert.NotNull(Sample(text, "paginate_runners_loaded"));
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
