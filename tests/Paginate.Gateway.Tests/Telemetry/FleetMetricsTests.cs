using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Engine.Contracts;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.Gateway.Tests.Telemetry;

/// <summary>The v2 instruments (CONTRACT 6.10), the resource and the exporter's naming, read from real scrapes.</summary>
public sealed class FleetMetricsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public FleetMetricsTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Scrape_FleetInstruments_HaveTheContractNamesAndLabels()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        var metrics = gateway.Services.GetRequiredService<GatewayMetrics>();
        var open = 0;
        metrics.ObserveCircuitsOpen(() => open);

        metrics.RateLimitWaited("rn_w", TimeSpan.FromMilliseconds(250));
        metrics.RateLimitWaited("rn_w", TimeSpan.FromMilliseconds(500));
        metrics.RateLimitWaited("rn_nowait", TimeSpan.Zero);
        metrics.CacheLookup(CacheLookupResults.Hit);
        metrics.CacheLookup(CacheLookupResults.Hit);
        metrics.CacheLookup(CacheLookupResults.Miss);
        metrics.CacheLookup(CacheLookupResults.Shared);
        metrics.CallRejected(RejectionReasons.Overloaded);
        metrics.CallRejected(RejectionReasons.RateLimited);
        metrics.CallRejected(RejectionReasons.UpstreamUnavailable);
        metrics.CallRejected(RejectionReasons.UpstreamUnavailable);
        metrics.CallRejected("https://api.example.com/ is down");
        var before = await gateway.Management.GetStringAsync("/metrics");
        open = 3;
        var after = await gateway.Management.GetStringAsync("/metrics");

        Assert.Equal("0.75", MetricsTests.Sample(after, "paginate_rate_limit_wait_seconds_total", "runner_id=\"rn_w\""));
        Assert.DoesNotContain("rn_nowait", after, StringComparison.Ordinal);
        Assert.Equal("2", MetricsTests.Sample(after, "paginate_cache_lookups_total", "result=\"hit\""));
        Assert.Equal("1", MetricsTests.Sample(after, "paginate_cache_lookups_total", "result=\"miss\""));
        Assert.Equal("1", MetricsTests.Sample(after, "paginate_cache_lookups_total", "result=\"shared\""));
        Assert.Equal("1", MetricsTests.Sample(after, "paginate_calls_rejected_total", "reason=\"overloaded\""));
        Assert.Equal("1", MetricsTests.Sample(after, "paginate_calls_rejected_total", "reason=\"rate_limited\""));
        Assert.Equal("2", MetricsTests.Sample(after, "paginate_calls_rejected_total", "reason=\"upstream_unavailable\""));
        Assert.Equal("1", MetricsTests.Sample(after, "paginate_calls_rejected_total", "reason=\"other\""));
        Assert.DoesNotContain("example.com", after, StringComparison.Ordinal);
        Assert.Equal("0", MetricsTests.Sample(before, "paginate_circuits_open"));
        Assert.Equal("3", MetricsTests.Sample(after, "paginate_circuits_open"));
    }

    [Fact]
    public async Task Scrape_BeforeAnyCircuitRegistry_ReportsNoOpenCircuit()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var text = await gateway.Management.GetStringAsync("/metrics");

        Assert.Equal("0", MetricsTests.Sample(text, "paginate_circuits_open"));
    }

    [Fact]
    public async Task Scrape_OpenMetrics_NamesTheServiceAndKeepsCounterNames()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        gateway.Services.GetRequiredService<GatewayMetrics>().CallCompleted("rn_om", "success", new RunResult { Pages = 1, StopReason = StopReasons.SinglePage }, TimeSpan.FromMilliseconds(5));
        await gateway.CallAsync("rn_unknown_om");

        var text = await gateway.Management.GetStringAsync("/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/openmetrics-text"));
        using var response = await gateway.Management.SendAsync(request);
        var openMetrics = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(openMetrics.Split('\n'), l => l.StartsWith("target_info{", StringComparison.Ordinal) && l.Contains("service_name=\"paginate-gateway\"", StringComparison.Ordinal));
        // Built-in counters get "_total" in both formats now that the suffix is no longer switched off.
        foreach (var scrape in new[] { text, openMetrics })
        {
            Assert.Contains(scrape.Split('\n'), l => l.StartsWith("aspnetcore_routing_match_attempts_total{", StringComparison.Ordinal));
            Assert.Contains(scrape.Split('\n'), l => l.StartsWith("paginate_calls_total{", StringComparison.Ordinal) && l.Contains("rn_om", StringComparison.Ordinal));
            Assert.Contains(scrape.Split('\n'), l => l.StartsWith("paginate_call_seconds_total{", StringComparison.Ordinal) && l.Contains("rn_om", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Scrape_TenThousandRunners_EverySeriesKeptWithoutOverflow()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        var metrics = gateway.Services.GetRequiredService<GatewayMetrics>();
        var result = new RunResult { Pages = 1, Items = 1, Retries = 1, StopReason = StopReasons.SinglePage };
        for (var i = 0; i < MetricCardinality.Runners; i++)
        {
            var id = "rn_c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            metrics.CallCompleted(id, "success", result, TimeSpan.FromMilliseconds(1));
            metrics.CallCompleted(id, "error", result with { StopReason = StopReasons.UpstreamError }, TimeSpan.FromMilliseconds(1));
            metrics.UpstreamRequest(id, 200, TimeSpan.FromMilliseconds(1));
            metrics.UpstreamRequest(id, 503, TimeSpan.FromMilliseconds(1));
            metrics.UpstreamRequest(id, null, TimeSpan.FromMilliseconds(1));
            metrics.RateLimitWaited(id, TimeSpan.FromMilliseconds(1));
        }

        var lines = (await gateway.Management.GetStringAsync("/metrics")).Split('\n');

        Assert.DoesNotContain(lines, l => l.Contains("otel_metric_overflow", StringComparison.Ordinal));
        int Count(string name) => lines.Count(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains("runner_id=\"rn_c", StringComparison.Ordinal));
        Assert.Equal(2 * MetricCardinality.Runners, Count("paginate_calls_total"));
        Assert.Equal(3 * MetricCardinality.Runners, Count("paginate_upstream_requests_total"));
        Assert.Equal(MetricCardinality.Runners, Count("paginate_call_seconds_total"));
        Assert.Equal(MetricCardinality.Runners, Count("paginate_pages_total"));
        Assert.Equal(MetricCardinality.Runners, Count("paginate_items_total"));
        Assert.Equal(MetricCardinality.Runners, Count("paginate_retries_total"));
        Assert.Equal(MetricCardinality.Runners, Count("paginate_rate_limit_wait_seconds_total"));
    }
}
