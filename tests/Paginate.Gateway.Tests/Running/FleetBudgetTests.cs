using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Engine.Budgets;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Running;

/// <summary>Two gateways on one Redis behave as one polite client (CONTRACT §6.1, §6.2).</summary>
public sealed class FleetBudgetTests : IClassFixture<RedisFixture>
{
    private const string AliceCanary = "Bearer CANARYALICE5150";
    private const string BobCanary = "Bearer CANARYBOB6620";
    private readonly RedisFixture _redis;

    public FleetBudgetTests(RedisFixture redis) => _redis = redis;

    private static async Task<JsonElement> MetaAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("meta").Clone();
    }

    [Fact]
    public async Task CredentialBudget_SpentOnOneGateway_RefusesTheSameCredentialOnTheOther_With503()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}""")));
        var connection = _redis.Connection;
        var definition = TestRunners.Simple(upstream.Url("/items").ToString(), forwardHeaders: ["Authorization"]) with
        {
            Limits = new LimitsSpec
            {
                MaxRetries = 0, PageTimeoutMs = 1000, TotalTimeoutMs = 1000,
                RateLimit = new RateLimitSpec { RequestsPerSecond = 0.05, Burst = 1, Scope = RateLimitScopes.Credential },
            },
        };
        var id = await TestRunners.PublishAsync(connection, definition);
        await using var a = await GatewayHost.StartAsync(_redis.ConnectionString);
        await using var b = await GatewayHost.StartAsync(_redis.ConnectionString);
        KeyValuePair<string, string>[] alice = [new("Authorization", AliceCanary)];
        KeyValuePair<string, string>[] bob = [new("Authorization", BobCanary)];

        // Alice's one token (burst 1, then one per 20 s) goes on gateway A.
        using var first = await a.CallAsync(id, headers: alice);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(0, (await MetaAsync(first)).GetProperty("rate_wait_ms").GetInt64());

        // Gateway B knows it is spent: a 503 at once, and the upstream never sees the request.
        using var refused = await b.CallAsync(id, headers: alice);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 19, 20);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("rate_limited", problem.GetProperty("error_code").GetString());
        Assert.EndsWith("/rate_limited", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal(1, upstream.RequestCount);

        // Bob has his own budget.
        using var other = await b.CallAsync(id, headers: bob);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, upstream.RequestCount);

        var metrics = await b.Management.GetStringAsync("/metrics");
        Assert.Matches("""(?m)^paginate_calls_rejected_total\{[^}]*reason="rate_limited"[^}]*\} 1$""", metrics);

        // The budget keys hold a keyed hash, never the header value; nor does any log line or metric.
        var dump = await _redis.Server.DumpAllAsync();
        Assert.Contains("{budget:" + id + ":c:", dump, StringComparison.Ordinal);
        foreach (var text in new[] { dump, metrics, a.Logs.All, b.Logs.All, await a.Management.GetStringAsync("/metrics") })
        {
            Assert.DoesNotContain("CANARY", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RetryAfter429_OnOneGateway_HoldsTheRunnerOnTheOther()
    {
        var answered429 = 0;
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", ctx =>
        {
            if (Interlocked.Exchange(ref answered429, 1) == 0)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers.RetryAfter = "2";
                return ctx.Response.WriteAsync("{}");
            }

            return ctx.Response.WriteAsync("""{"data":[{"id":1}]}""");
        }));
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        await using var a = await GatewayHost.StartAsync(_redis.ConnectionString);
        await using var b = await GatewayHost.StartAsync(_redis.ConnectionString);

        // A hold reaches gateways without a budget as a pub/sub announcement: wait until Redis has sent it.
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await connection.GetSubscriber().SubscribeAsync(RedisUpstreamBudget.HoldChannel, (_, message) =>
        {
            if (message.ToString().EndsWith(" " + id, StringComparison.Ordinal))
            {
                announced.TrySetResult();
            }
        });
        using var limited = await a.CallAsync(id);
        Assert.Equal(HttpStatusCode.BadGateway, limited.StatusCode);
        await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Redis sending the announcement is not B having read it: ask B's own budget until it holds the runner
        // (a wait that does not fit in zero reserves nothing).
        var budget = b.Services.GetRequiredService<IUpstreamBudget>();
        var scope = budget.Scope(id, null, []);
        await Eventually.UntilAsync(() => budget.TakeAsync(scope, TimeSpan.Zero, CancellationToken.None).AsTask(), t => !t.Granted, what: "gateway B to know of the hold");

        // No rate_limit on this runner, yet B waits out A's Retry-After before asking the upstream.
        var started = TimeProvider.System.GetTimestamp();
        using var held = await b.CallAsync(id);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(1.5));
        Assert.InRange((await MetaAsync(held)).GetProperty("rate_wait_ms").GetInt64(), 1000, 2000);
        Assert.Equal(2, upstream.RequestCount);
        Assert.Matches($"(?m)^paginate_rate_limit_wait_seconds_total\\{{[^}}]*runner_id=\"{id}\"[^}}]*\\}} (1|2)\\.", await b.Management.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task V1Runner_WithoutWaits_AnswersTheV1MetaExactly()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}""")));
        var connection = _redis.Connection;
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        using var response = await gateway.CallAsync(id);
        var meta = await MetaAsync(response);
        Assert.Equal(["runner_id", "pages", "items", "stop_reason", "duration_ms", "retries", "upstream_status", "partial"], meta.EnumerateObject().Select(p => p.Name));
    }
}
