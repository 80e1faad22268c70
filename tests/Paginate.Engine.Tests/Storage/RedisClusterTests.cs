using Paginate.Engine.Storage;
using Paginate.TestKit;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

/// <summary>One real 3-primary Redis Cluster (with a replica each) for the cluster tests.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await RedisCluster.StartAsync(primaries: 3, replicasPerPrimary: 1);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The stores and the budget on a Redis Cluster (CONTRACT §6.9): no operation may cross slots.</summary>
public sealed class RedisClusterTests : IClassFixture<RedisClusterFixture>
{
    private readonly RedisCluster _cluster;

    public RedisClusterTests(RedisClusterFixture fixture) => _cluster = fixture.Cluster;

    [Fact]
    public async Task Stores_PublishListTokensNotesRecords_WorkAcrossSlots()
    {
        using var writer = RedisConnection.Connect(_cluster.ConnectionString);
        using var reader = RedisConnection.Connect(_cluster.ConnectionString);

        // Ids chosen so their untagged keys would land on different primaries.
        await DeploymentRound.RunAsync(writer, reader, "rn_cl_a", "rn_cl_b", "rn_cl_c", "rn_cl_d", "rn_cl_e");
    }

    [Fact]
    public async Task Budget_SharedByTwoConnections_OnOneSlot()
    {
        using var a = RedisConnection.Connect(_cluster.ConnectionString);
        using var b = RedisConnection.Connect(_cluster.ConnectionString);
        await DeploymentRound.BudgetAsync(a, b, "rn_cl_budget");

        var dump = await _cluster.DumpAllAsync();
        Assert.Contains("{budget:rn_cl_budget:c:", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment-canary", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failover_OfTheCatalogPrimary_KeepsPublishingAndReading()
    {
        using var writer = RedisConnection.Connect(_cluster.ConnectionString);
        using var reader = RedisConnection.Connect(_cluster.ConnectionString);
        Assert.True(await new RedisRunnerStore(writer).TryCreateAsync(DeploymentRound.Runner("rn_cl_before")));

        await _cluster.FailoverAsync(RedisKeys.RunnerIndex.ToString());

        // The clients learn the new primary from MOVED answers; give them a moment, then everything works on it.
        // A create whose answer was lost in the switch (a timeout) may still have been applied: then it is there.
        var store = new RedisRunnerStore(writer);
        await Eventually.SucceedsAsync(
            async () => await store.TryCreateAsync(DeploymentRound.Runner("rn_cl_after")) || await store.GetAsync("rn_cl_after") is not null,
            ex => ex is RedisException or TimeoutException, TimeSpan.FromSeconds(20), "the store recovers after the failover");
        var ids = await new RedisRunnerStore(reader).ListIdsAsync();
        Assert.Contains("rn_cl_before", ids);
        Assert.Contains("rn_cl_after", ids);
    }
}
