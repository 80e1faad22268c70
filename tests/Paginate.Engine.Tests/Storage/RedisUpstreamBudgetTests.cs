using Paginate.Engine.Budgets;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

/// <summary>The Redis budget as two gateways see it: two connections, one budget, one hold.</summary>
public sealed class RedisUpstreamBudgetTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];
    private readonly RedisFixture _redis;
    private IConnectionMultiplexer _gatewayA = null!;
    private IConnectionMultiplexer _gatewayB = null!;

    public RedisUpstreamBudgetTests(RedisFixture redis) => _redis = redis;

    public async Task InitializeAsync()
    {
        await _redis.Server.StartAgainAsync();
        await _redis.Server.CommandAsync("FLUSHALL");
        _gatewayA = RedisConnection.Connect(_redis.ConnectionString);
        _gatewayB = RedisConnection.Connect(_redis.ConnectionString);
    }

    public Task DisposeAsync()
    {
        _gatewayA.Dispose();
        _gatewayB.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TwoGateways_ShareOneBudget()
    {
        var a = new RedisUpstreamBudget(_gatewayA);
        var b = new RedisUpstreamBudget(_gatewayB);
        var rate = new RateLimitSpec { RequestsPerSecond = 10, Burst = 4 };
        var scope = a.Scope("rn_a", rate, NoHeaders);

        // Four tokens at once (the burst), from either gateway; then one every 100 ms, in the order asked.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var ticket = await (i % 2 == 0 ? a : b).TakeAsync(scope, Long, CancellationToken.None);
            Assert.True(ticket.Granted);
            waits.Add(ticket.Wait);
        }

        Assert.Equal(TimeSpan.Zero, waits[0]);
        for (var i = 4; i < 10; i++)
        {
            // Redis's clock moves on while the test asks: each wait is the schedule minus the little time gone by.
            Assert.InRange(waits[i].TotalMilliseconds, ((i - 3) * 100) - 50, (i - 3) * 100);
        }

        Assert.Equal(0, a.Fallbacks + b.Fallbacks);
    }

    [Fact]
    public async Task Refusal_ReservesNothing_AndSaysHowLong()
    {
        var a = new RedisUpstreamBudget(_gatewayA);
        var b = new RedisUpstreamBudget(_gatewayB);
        var scope = a.Scope("rn_a", new RateLimitSpec { RequestsPerSecond = 0.5, Burst = 1 }, NoHeaders);
        Assert.True((await a.TakeAsync(scope, TimeSpan.Zero, CancellationToken.None)).Granted);

        var refused = await b.TakeAsync(scope, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.False(refused.Granted);
        Assert.InRange(refused.Wait.TotalMilliseconds, 1500, 2000);

        var granted = await b.TakeAsync(scope, Long, CancellationToken.None);
        Assert.True(granted.Granted);
        Assert.InRange(granted.Wait.TotalMilliseconds, 1500, 2000);
    }

    [Fact]
    public async Task Hold_FromOneGateway_HoldsTheOther_AndOnlyThatScope()
    {
        var a = new RedisUpstreamBudget(_gatewayA);
        var b = new RedisUpstreamBudget(_gatewayB);
        var held = a.Scope("rn_a", null, NoHeaders);
        await a.HoldAsync(held, TimeSpan.FromSeconds(30), CancellationToken.None);

        // Without a budget B learns of the hold from its announcement (pub/sub), a moment later.
        var ticket = await Eventually.UntilAsync(
            () => b.TakeAsync(b.Scope("rn_a", null, NoHeaders), Long, CancellationToken.None).AsTask(), t => t.Wait > TimeSpan.Zero, what: "hold announced");
        Assert.True(ticket.Granted);
        Assert.InRange(ticket.Wait.TotalSeconds, 29, 30);
        Assert.Equal(TimeSpan.Zero, (await b.TakeAsync(b.Scope("rn_b", null, NoHeaders), Long, CancellationToken.None)).Wait);

        // The hold key expires with the hold: nothing is left behind for good.
        var ttl = await _redis.Server.CommandAsync("PTTL", RedisKeys.BudgetHold("rn_a").ToString());
        Assert.InRange(long.Parse(ttl[0], System.Globalization.CultureInfo.InvariantCulture), 29_000, 31_000);
    }

    [Fact]
    public async Task CredentialScope_SameValuesOnTwoGateways_ShareABudget_AndNoValueReachesRedis()
    {
        var a = new RedisUpstreamBudget(_gatewayA);
        var b = new RedisUpstreamBudget(_gatewayB);
        var rate = new RateLimitSpec { RequestsPerSecond = 1, Burst = 1, Scope = RateLimitScopes.Credential };
        KeyValuePair<string, string>[] alice = [new("Authorization", "Bearer canary-secret-alice")];
        KeyValuePair<string, string>[] bob = [new("Authorization", "Bearer canary-secret-bob")];

        // Each gateway fetches the fleet's key in the background; once both have it, the same values make one scope.
        await Eventually.UntilAsync(
            () => Task.FromResult(a.Scope("rn_a", rate, alice).Key == b.Scope("rn_a", rate, alice).Key), same => same, what: "shared hash key");
        Assert.Equal(a.Scope("rn_a", rate, alice).Key, b.Scope("rn_a", rate, alice).Key);
        Assert.True((await a.TakeAsync(a.Scope("rn_a", rate, alice), Long, CancellationToken.None)).Wait == TimeSpan.Zero);
        Assert.True((await b.TakeAsync(b.Scope("rn_a", rate, alice), Long, CancellationToken.None)).Wait > TimeSpan.FromMilliseconds(500));
        Assert.True((await b.TakeAsync(b.Scope("rn_a", rate, bob), Long, CancellationToken.None)).Wait == TimeSpan.Zero);
        await b.HoldAsync(b.Scope("rn_a", rate, bob), TimeSpan.FromSeconds(5), CancellationToken.None);

        var dump = await _redis.Server.DumpAllAsync();
        Assert.Contains("{budget:rn_a:c:", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredHashKey_IsUsed_AndNothingIsStoredForIt()
    {
        var key = new byte[32];
        var budget = new RedisUpstreamBudget(_gatewayA, key);
        var rate = new RateLimitSpec { RequestsPerSecond = 1, Scope = RateLimitScopes.Credential };
        KeyValuePair<string, string>[] headers = [new("X-Api-Key", "canary")];

        Assert.Equal(new LocalUpstreamBudget(hashKey: key).Scope("rn_a", rate, headers).Key, budget.Scope("rn_a", rate, headers).Key);
        Assert.Empty(await _redis.Server.CommandAsync("KEYS", "*"));
    }

    [Fact]
    public async Task RedisAway_FallsBackToALocalBudget_AndKeepsServing()
    {
        var budget = new RedisUpstreamBudget(_gatewayA);
        var scope = budget.Scope("rn_a", new RateLimitSpec { RequestsPerSecond = 10, Burst = 2 }, NoHeaders);
        await _redis.Server.StopAsync();
        try
        {
            var waits = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var ticket = await budget.TakeAsync(scope, Long, CancellationToken.None);
                Assert.True(ticket.Granted);
                waits.Add(ticket.Wait);
            }

            // The full budget, locally: two at once, then 100 ms.
            Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], waits[..2]);
            Assert.InRange(waits[2].TotalMilliseconds, 90, 100);
            Assert.Equal(3, budget.Fallbacks);
        }
        finally
        {
            await _redis.Server.StartAgainAsync();
        }
    }
}
