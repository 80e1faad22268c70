using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Catalog;

/// <summary>
/// The gateway on a Redis Cluster and behind Sentinel (CONTRACT §6.9): publishing, serving, token checks and rate
/// budgets, before and after the primary holding the catalog fails over.
/// </summary>
public sealed class RedisDeploymentTests
{
    private static readonly GatewayHost.Settings TokenOnly = new() { AllowedNetworks = ["10.0.0.0/8"] };

    [Fact]
    public async Task Cluster_PublishServeTokensBudgets_SurviveAFailover()
    {
        await using var cluster = await RedisCluster.StartAsync(primaries: 3, replicasPerPrimary: 1);
        await RunAsync(cluster.ConnectionString, () => cluster.FailoverAsync(RedisKeys.RunnerIndex.ToString()));
    }

    [Fact]
    public async Task Sentinel_PublishServeTokensBudgets_SurviveAFailover()
    {
        await using var sentinel = await RedisSentinelSet.StartAsync();
        await RunAsync(sentinel.ConnectionString, sentinel.FailoverAsync);
    }

    private static async Task RunAsync(string connectionString, Func<Task> failover)
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}""")));
        using var admin = RedisConnection.Connect(connectionString);
        var definition = TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Limits = new LimitsSpec { MaxRetries = 0, PageTimeoutMs = 1000, TotalTimeoutMs = 1000, RateLimit = new RateLimitSpec { RequestsPerSecond = 0.05, Burst = 1 } },
        };
        var before = await TestRunners.PublishAsync(admin, definition);
        var token = await TestRunners.IssueTokenAsync(admin, before);
        await using var gateway = await GatewayHost.StartAsync(connectionString, TokenOnly);

        // The helper waits for 200: asserting it again could never fail.
        (await Eventually.UntilAsync(() => gateway.CallAsync(before, token: token), r => r.StatusCode == HttpStatusCode.OK, what: "runner and token loaded")).Dispose();

        using (var wrong = await gateway.CallAsync(before, token: "cpt_" + new string('x', 43)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // The one token of the budget is spent: the shared budget in Redis refuses the next call.
        using (var limited = await gateway.CallAsync(before, token: token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, limited.StatusCode);
        }

        await failover();

        // After the failover a new runner and a new token are published and served, and the old runner still is.
        // No contract bounds how long clients take to find the new primary (the sentinel's or the cluster's own
        // switch, then a reconnect): on a loaded 2-core machine that has taken over 10 s, so allow 30 s.
        var recovery = TimeSpan.FromSeconds(30);
        var after = await Eventually.UntilAsync(async () => await TryPublishAsync(admin, definition with { Limits = definition.Limits with { RateLimit = null } }), id => id is not null, recovery, "publish after failover");
        var afterToken = await Eventually.UntilAsync(async () => await TryIssueAsync(admin, after!), t => t is not null, recovery, "token after failover");
        // The helper waits for 200: asserting it again could never fail.
        (await Eventually.UntilAsync(() => gateway.CallAsync(after!, token: afterToken), r => r.StatusCode == HttpStatusCode.OK, recovery, "new runner served")).Dispose();

        using (var stillLimited = await gateway.CallAsync(before, token: token))
        {
            // The budget key was replicated before the failover: the new primary still knows the token is spent.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stillLimited.StatusCode);
        }
    }

    private static async Task<string?> TryPublishAsync(IConnectionMultiplexer redis, RunnerDefinition definition)
    {
        // Right after a cluster failover a transaction may be aborted (the slot moved under it): it reports false.
        var id = TestRunners.NewId();
        try
        {
            var stored = new StoredRunner { Id = id, CreatedAt = DateTimeOffset.UtcNow, Config = definition };
            return await new RedisRunnerStore(redis).TryCreateAsync(stored) ? id : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }

    private static async Task<string?> TryIssueAsync(IConnectionMultiplexer redis, string runnerId)
    {
        try
        {
            return await TestRunners.IssueTokenAsync(redis, runnerId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }
}
