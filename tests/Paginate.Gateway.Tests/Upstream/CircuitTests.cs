using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.Gateway.Tests.Telemetry;
using Paginate.Gateway.Upstream;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Paginate.Gateway.Tests.Upstream;

/// <summary>Fail-fast origins (CONTRACT §6.3) on YARP's destination health, with real upstreams and a fake clock.</summary>
public sealed class CircuitTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public CircuitTests(RedisFixture redis) => _redis = redis;

    private static Task<GatewayHost> StartGatewayAsync(string redis, FakeTimeProvider clock) =>
        GatewayHost.StartAsync(redis, new GatewayHost.Settings
        {
            Extra = ["Gateway:Circuit:FailureThreshold=2", "Gateway:Circuit:CoolDownSeconds=30"],
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(clock),
        });

    private static async Task AssertRefusedAsync(HttpResponseMessage response, int retryAfterSeconds)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), response.Headers.RetryAfter!.Delta);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("upstream_unavailable", problem.GetProperty("error_code").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    private static DestinationHealth PassiveHealth(GatewayHost gateway, Uri origin)
    {
        Assert.True(gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster(UpstreamClusters.ClusterIdOf(origin), out var cluster));
        return Assert.Single(cluster.Destinations.Values).Health.Passive;
    }

    [Fact]
    public async Task Origin_Answering503_OpensAfterThreshold_RefusesAtOnce_ThenOneProbeClosesIt()
    {
        var healthy = false;
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            if (Volatile.Read(ref healthy))
            {
                return ctx.Response.WriteAsync("""{"data":[{"id":1}]}""");
            }

            ctx.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var connection = _redis.Connection;
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartGatewayAsync(_redis.ConnectionString, clock);

        // Two failed upstream requests in a row (the threshold): both calls still reach the upstream.
        using (var first = await gateway.CallAsync(id))
        {
            Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        }

        using (var second = await gateway.CallAsync(id))
        {
            Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        }

        Assert.Equal(2, upstream.RequestCount);
        Assert.Equal(DestinationHealth.Unhealthy, PassiveHealth(gateway, upstream.BaseUri));

        // Open: refused before any upstream request, Retry-After the rest of the cool-down.
        clock.Advance(TimeSpan.FromSeconds(10));
        using (var refused = await gateway.CallAsync(id))
        {
            await AssertRefusedAsync(refused, 20);
        }

        Assert.Equal(2, upstream.RequestCount);
        var metrics = await gateway.Management.GetStringAsync("/metrics");
        Assert.Equal("1", MetricsTests.Sample(metrics, "paginate_calls_rejected_total", "reason=\"upstream_unavailable\""));
        Assert.Matches("""(?m)^paginate_circuits_open(\{[^}]*\})? 1$""", metrics);
        Assert.DoesNotContain(upstream.BaseUri.Authority, metrics, StringComparison.Ordinal);

        // After the cool-down one probe goes through; it succeeds, so the circuit closes and calls are served.
        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromSeconds(20));
        using (var probe = await gateway.CallAsync(id))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        using (var after = await gateway.CallAsync(id))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.Equal(4, upstream.RequestCount);
        Assert.Equal(DestinationHealth.Healthy, PassiveHealth(gateway, upstream.BaseUri));
        Assert.Matches("""(?m)^paginate_circuits_open(\{[^}]*\})? 0$""", await gateway.Management.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task HalfOpen_OnlyTheProbeReachesTheUpstream_AndItsFailureReopensForAFullCoolDown()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probing = false;
        await using var upstream = await LoopbackUpstream.StartAsync("/items", async ctx =>
        {
            if (Volatile.Read(ref probing))
            {
                await release.Task;
            }

            ctx.Response.StatusCode = 504;
        });
        var connection = _redis.Connection;
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartGatewayAsync(_redis.ConnectionString, clock);
        (await gateway.CallAsync(id)).Dispose();
        (await gateway.CallAsync(id)).Dispose();
        Assert.Equal(2, upstream.RequestCount);

        clock.Advance(TimeSpan.FromSeconds(30));
        Volatile.Write(ref probing, true);
        var probe = gateway.CallAsync(id);
        await Eventually.UntilAsync(() => Task.FromResult(upstream.InFlight), n => n == 1, what: "probe at the upstream");

        // While the probe is out, every other call is refused and told to come back in a second.
        using (var other = await gateway.CallAsync(id))
        {
            await AssertRefusedAsync(other, 1);
        }

        release.SetResult();
        using (var probeAnswer = await probe)
        {
            Assert.Equal(HttpStatusCode.BadGateway, probeAnswer.StatusCode);
        }

        // The failed probe opens the circuit again for the whole cool-down.
        using (var again = await gateway.CallAsync(id))
        {
            await AssertRefusedAsync(again, 30);
        }

        Assert.Equal(3, upstream.RequestCount);
        Assert.Equal(DestinationHealth.Unhealthy, PassiveHealth(gateway, upstream.BaseUri));
    }

    [Fact]
    public async Task Origin_RefusingConnections_OpensItsCircuit_WhileAnotherOriginIsServed()
    {
        // A port that was free a moment ago: connections to it are refused.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var healthy = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
        var connection = _redis.Connection;
        var dead = await TestRunners.PublishAsync(connection, TestRunners.Simple($"http://127.0.0.1:{port}/items"));
        var alive = await TestRunners.PublishAsync(connection, TestRunners.Simple(healthy.Url("/items").ToString()));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartGatewayAsync(_redis.ConnectionString, clock);

        using (var first = await gateway.CallAsync(dead))
        {
            Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        }

        using (var second = await gateway.CallAsync(dead))
        {
            Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        }

        using (var refused = await gateway.CallAsync(dead))
        {
            await AssertRefusedAsync(refused, 30);
        }

        using var served = await gateway.CallAsync(alive);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(1, healthy.RequestCount);
    }

    [Fact]
    public async Task Start_CircuitSettingsOutOfRange_FailsNamingBoth()
    {
        var settings = new GatewayHost.Settings { Extra = ["Gateway:Circuit:FailureThreshold=0", "Gateway:Circuit:CoolDownSeconds=3601"] };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await GatewayHost.StartAsync(_redis.ConnectionString, settings, waitReady: false));

        Assert.Equal(["Gateway:Circuit:FailureThreshold: 0 is outside 1..10000.", "Gateway:Circuit:CoolDownSeconds: 3601 is outside 1..3600."], error.Failures);
    }
}
