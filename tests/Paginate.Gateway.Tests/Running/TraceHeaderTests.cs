using System.Net;
using Microsoft.AspNetCore.Http;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Running;

/// <summary>The caller's trace context and baggage reach an upstream only when the runner forwards them by name.</summary>
public sealed class TraceHeaderTests : IClassFixture<RedisFixture>
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string TraceParent = "00-" + TraceId + "-00f067aa0ba902b7-01";
    private const string TraceState = "vendor=CANARYSTATE";
    private const string Baggage = "user=CANARYBAGGAGE";

    private readonly RedisFixture _redis;

    public TraceHeaderTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Call_CallerTraceHeaders_NeverReachTheUpstreamUnlessForwarded()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var connection = _redis.Connection;
        var plain = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        var forwarding = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString(), forwardHeaders: ["traceparent", "tracestate", "baggage"]));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        KeyValuePair<string, string>[] headers = [new("traceparent", TraceParent), new("tracestate", TraceState), new("baggage", Baggage)];

        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(plain, headers: headers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(forwarding, headers: headers)).StatusCode);

        var seen = upstream.Requests;
        Assert.Equal(2, seen.Count);
        var first = string.Join('\n', seen[0].Headers.Select(h => h.Key + ": " + h.Value));
        Assert.DoesNotContain(TraceId, first, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARYSTATE", first, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARYBAGGAGE", first, StringComparison.Ordinal);
        Assert.Equal(TraceParent, seen[1].Header("traceparent"));
        Assert.Equal(TraceState, seen[1].Header("tracestate"));
        Assert.Equal(Baggage, seen[1].Header("baggage"));
    }
}
