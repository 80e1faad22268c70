using Paginate.Engine.Storage;
using Paginate.TestKit;
using Paginate.TestKit.Redis;

namespace Paginate.Engine.Tests.Storage;

/// <summary>The stores and the budget through Sentinel (CONTRACT §6.9), before and after the primary changes.</summary>
public sealed class RedisSentinelTests : IAsyncLifetime
{
    private RedisSentinelSet _set = null!;

    public async Task InitializeAsync() => _set = await RedisSentinelSet.StartAsync();

    public async Task DisposeAsync() => await _set.DisposeAsync();

    [Fact]
    public async Task StoresAndBudget_WorkThroughSentinel_AndAfterAFailover()
    {
        using var writer = RedisConnection.Connect(_set.ConnectionString);
        using var reader = RedisConnection.Connect(_set.ConnectionString);
        await DeploymentRound.RunAsync(writer, reader, "rn_se_a", "rn_se_b");
        await DeploymentRound.BudgetAsync(writer, reader, "rn_se_budget");
        Assert.Equal(_set.First.Port, await _set.PrimaryPortAsync());

        await _set.FailoverAsync();
        Assert.Equal(_set.Second.Port, await _set.PrimaryPortAsync());

        // The clients follow the sentinel's switch to the new primary; what was written before is still there.
        await Eventually.SucceedsAsync(async () =>
        {
            await DeploymentRound.RunAsync(writer, reader, "rn_se_c" + Guid.NewGuid().ToString("N")[..6]);
            return true;
        }, ex => ex is StackExchange.Redis.RedisException or TimeoutException or Xunit.Sdk.XunitException, TimeSpan.FromSeconds(30), "the stores recover after the failover");
        var ids = await new RedisRunnerStore(reader).ListIdsAsync();
        Assert.Contains("rn_se_a", ids);
        Assert.Contains("rn_se_b", ids);
        await DeploymentRound.BudgetAsync(writer, reader, "rn_se_after");
    }
}
