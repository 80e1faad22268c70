using System.Globalization;

namespace Paginate.TestKit.Redis;

/// <summary>
/// A Sentinel-managed primary with one replica on loopback: two <c>redis-server</c> data nodes and one
/// <c>redis-server --sentinel</c> (quorum 1) watching service <see cref="ServiceName"/>. No containers.
/// </summary>
public sealed class RedisSentinelSet : IAsyncDisposable
{
    public const string ServiceName = "paginate";

    private RedisSentinelSet(RedisServer first, RedisServer second, RedisServer sentinel)
    {
        First = first;
        Second = second;
        Sentinel = sentinel;
    }

    /// <summary>The first primary.</summary>
    public RedisServer First { get; }

    /// <summary>Its replica at start.</summary>
    public RedisServer Second { get; }

    public RedisServer Sentinel { get; }

    /// <summary>StackExchange.Redis connection string through the sentinel: the client asks it for the primary.</summary>
    public string ConnectionString => $"{Sentinel.ConnectionString},serviceName={ServiceName}";

    public static async Task<RedisSentinelSet> StartAsync()
    {
        var first = await RedisServer.StartAsync([]).ConfigureAwait(false);
        var second = await RedisServer.StartAsync(["--replicaof", "127.0.0.1", first.Port.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        var config = $"""
            sentinel monitor {ServiceName} 127.0.0.1 {first.Port} 1
            sentinel down-after-milliseconds {ServiceName} 1000
            sentinel failover-timeout {ServiceName} 5000
            sentinel parallel-syncs {ServiceName} 1

            """;
        var sentinel = await RedisServer.StartAsync(["--sentinel"], config).ConfigureAwait(false);
        var set = new RedisSentinelSet(first, second, sentinel);
        await RedisCluster.WaitAsync(() => InSyncAsync(second), "the replica in sync").ConfigureAwait(false);
        await RedisCluster.WaitAsync(async () => (await sentinel.CommandAsync("SENTINEL", "REPLICAS", ServiceName).ConfigureAwait(false)).Length > 0, "the sentinel to see the replica")
            .ConfigureAwait(false);
        return set;
    }

    /// <summary>The port the sentinel names as primary.</summary>
    public async Task<int> PrimaryPortAsync() =>
        int.Parse((await Sentinel.CommandAsync("SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName).ConfigureAwait(false))[1], CultureInfo.InvariantCulture);

    /// <summary>The node the sentinel names as primary.</summary>
    public async Task<RedisServer> PrimaryAsync() => await PrimaryPortAsync().ConfigureAwait(false) == First.Port ? First : Second;

    /// <summary>Has the sentinel promote the replica (<c>SENTINEL FAILOVER</c>) and waits until both nodes agree.</summary>
    public async Task FailoverAsync()
    {
        var before = await PrimaryAsync().ConfigureAwait(false);
        var after = before == First ? Second : First;
        await RedisCluster.WaitAsync(() => InSyncAsync(after), "the replica in sync").ConfigureAwait(false);
        await Sentinel.CommandAsync("SENTINEL", "FAILOVER", ServiceName).ConfigureAwait(false);
        await RedisCluster.WaitAsync(async () => await PrimaryPortAsync().ConfigureAwait(false) == after.Port, "the sentinel to name the new primary").ConfigureAwait(false);
        await RedisCluster.WaitAsync(async () => (await after.CommandAsync("INFO", "replication").ConfigureAwait(false))[0].Contains("role:master", StringComparison.Ordinal), "the new primary to take writes")
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Sentinel.DisposeAsync().ConfigureAwait(false);
        await Second.DisposeAsync().ConfigureAwait(false);
        await First.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<bool> InSyncAsync(RedisServer replica)
    {
        var info = (await replica.CommandAsync("INFO", "replication").ConfigureAwait(false))[0];
        return info.Contains("master_link_status:up", StringComparison.Ordinal);
    }
}
