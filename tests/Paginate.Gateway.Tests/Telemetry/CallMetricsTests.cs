using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Telemetry;

/// <summary>The series a real call through the gateway feeds, read from a real scrape.</summary>
public sealed class CallMetricsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public CallMetricsTests(RedisFixture redis) => _redis = redis;

    private IConnectionMultiplexer Connection => _redis.Connection;

    [Fact]
    public async Task Call_TwoPages_CountsCallSecondsPerRunnerAndDurationWithoutRunnerId()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Request.Query["page"] == "1"
            ? ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}""")
            : ctx.Response.WriteAsync("""{"data":[]}"""));
        var definition = TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Pagination = new PaginationSpec { Style = "page_number" },
        };
        var id = await TestRunners.PublishAsync(Connection, definition);
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);
        await response.Content.ReadAsStringAsync();
        var text = await gateway.Management.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runner = $"runner_id=\"{id}\"";
        Assert.Equal("1", MetricsTests.Sample(text, "paginate_calls_total", runner, "outcome=\"success\"", "stop_reason=\"empty_page\""));
        Assert.Equal("2", MetricsTests.Sample(text, "paginate_pages_total", runner));
        Assert.Equal("2", MetricsTests.Sample(text, "paginate_upstream_requests_total", runner, "status_code=\"200\""));
        var seconds = double.Parse(MetricsTests.Sample(text, "paginate_call_seconds_total", runner), CultureInfo.InvariantCulture);
        var histogramSum = double.Parse(MetricsTests.Sample(text, "paginate_call_duration_seconds_sum"), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, double.Epsilon, 30);
        Assert.Equal(histogramSum, seconds, 9);
        Assert.Equal("1", MetricsTests.Sample(text, "paginate_call_duration_seconds_count"));
        Assert.DoesNotContain(text.Split('\n'), l => l.StartsWith("paginate_call_duration_seconds", StringComparison.Ordinal) && l.Contains("runner_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_UpstreamRefusesTheConnection_CountsAnErrorTypeNotStatusZero()
    {
        var closedPort = RedisServer.FreePort();
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple($"http://127.0.0.1:{closedPort}/items?key={{{{key}}}}"));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id, "?key=canary-metric-secret");
        var text = await gateway.Management.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var runner = $"runner_id=\"{id}\"";
        Assert.Equal("1", MetricsTests.Sample(text, "paginate_upstream_requests_total", runner, "error_type=\"no_response\""));
        Assert.DoesNotContain(text.Split('\n'), l => l.StartsWith("paginate_upstream_requests_total", StringComparison.Ordinal) && l.Contains("status_code", StringComparison.Ordinal));
        Assert.DoesNotContain("status_code=\"0\"", text, StringComparison.Ordinal);
        Assert.Equal("1", MetricsTests.Sample(text, "paginate_upstream_request_duration_seconds_count"));
        // Neither the placeholder value nor the upstream's address reaches a label.
        Assert.DoesNotContain("canary-metric-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(closedPort.ToString(CultureInfo.InvariantCulture) + "/items", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:" + closedPort.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }
}
