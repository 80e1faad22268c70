using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paginate.TestKit.Redis;

/// <summary>
/// A real Redis Cluster on loopback: <c>redis-server --cluster-enabled yes</c> processes joined by
/// <c>redis-cli --cluster create</c>, three primaries and optionally one replica each. No containers.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private RedisCluster(IReadOnlyList<RedisServer> nodes) => Nodes = nodes;

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>StackExchange.Redis connection string naming every node.</summary>
    public string ConnectionString => string.Join(',', Nodes.Select(n => n.ConnectionString));

    /// <summary>Starts <paramref name="primaries"/> primaries with <paramref name="replicasPerPrimary"/> replicas each and waits for <c>cluster_state:ok</c>.</summary>
    public static async Task<RedisCluster> StartAsync(int primaries = 3, int replicasPerPrimary = 0)
    {
        var nodes = new List<RedisServer>();
        try
        {
            for (var i = 0; i < primaries * (1 + replicasPerPrimary); i++)
            {
                nodes.Add(await RedisServer.StartAsync(
                    ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000"],
                    port: ClusterPort()).ConfigureAwait(false));
            }

            var cluster = new RedisCluster(nodes);
            await cluster.CreateAsync(replicasPerPrimary).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Every key on every primary, rendered as <see cref="RedisServer.DumpAllAsync"/> does.</summary>
    public async Task<string> DumpAllAsync()
    {
        var text = new StringBuilder();
        foreach (var node in Nodes)
        {
            if (await IsPrimaryAsync(node).ConfigureAwait(false))
            {
                text.Append(await node.DumpAllAsync().ConfigureAwait(false));
            }
        }

        return text.ToString();
    }

    /// <summary>The node serving <paramref name="key"/>'s slot.</summary>
    public async Task<RedisServer> PrimaryForAsync(string key)
    {
        var slot = int.Parse((await Nodes[0].CommandAsync("CLUSTER", "KEYSLOT", key).ConfigureAwait(false))[0], CultureInfo.InvariantCulture);
        foreach (var node in Nodes)
        {
            if (await IsPrimaryAsync(node).ConfigureAwait(false) && await ServesSlotAsync(node, slot).ConfigureAwait(false))
            {
                return node;
            }
        }

        throw new InvalidOperationException($"no primary serves slot {slot}");
    }

    /// <summary>
    /// Promotes the replica of the primary serving <paramref name="key"/> (<c>CLUSTER FAILOVER</c>, the graceful
    /// kind) and waits until the cluster agrees. Needs replicas.
    /// </summary>
    public async Task FailoverAsync(string key)
    {
        var primary = await PrimaryForAsync(key).ConfigureAwait(false);
        var primaryId = (await primary.CommandAsync("CLUSTER", "MYID").ConfigureAwait(false))[0];
        RedisServer? replica = null;
        foreach (var node in Nodes)
        {
            var info = (await node.CommandAsync("INFO", "replication").ConfigureAwait(false))[0];
            if (info.Contains("role:slave", StringComparison.Ordinal) && info.Contains($"master_port:{primary.Port}\r", StringComparison.Ordinal))
            {
                replica = node;
            }
        }

        if (replica is null)
        {
            throw new InvalidOperationException($"no replica of {primaryId} to promote");
        }

        await replica.CommandAsync("CLUSTER", "FAILOVER").ConfigureAwait(false);
        await WaitAsync(async () => await IsPrimaryAsync(replica).ConfigureAwait(false) && !await IsPrimaryAsync(primary).ConfigureAwait(false), "the replica to take over").ConfigureAwait(false);
        await WaitForOkAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The cluster bus listens on port + 10000: pick ports where both are free and below 65536.
    private static int ClusterPort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = RedisServer.FreePort();
            if (port + 10_000 > 65_535)
            {
                port = Random.Shared.Next(20_000, 30_000);
            }

            if (IsFree(port) && IsFree(port + 10_000))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free port pair for a cluster node");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task CreateAsync(int replicasPerPrimary)
    {
        var executable = File.Exists("/usr/bin/redis-cli") ? "/usr/bin/redis-cli" : "redis-cli";
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--cluster");
        info.ArgumentList.Add("create");
        foreach (var node in Nodes)
        {
            info.ArgumentList.Add(node.ConnectionString);
        }

        info.ArgumentList.Add("--cluster-replicas");
        info.ArgumentList.Add(replicasPerPrimary.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--cluster-yes");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {await output.ConfigureAwait(false)} {await error.ConfigureAwait(false)}");
        }

        await WaitForOkAsync().ConfigureAwait(false);
    }

    private async Task WaitForOkAsync()
    {
        foreach (var node in Nodes)
        {
            await WaitAsync(async () => (await node.CommandAsync("CLUSTER", "INFO").ConfigureAwait(false))[0].Contains("cluster_state:ok", StringComparison.Ordinal), "cluster_state:ok")
                .ConfigureAwait(false);
        }
    }

    private static async Task<bool> IsPrimaryAsync(RedisServer node) =>
        (await node.CommandAsync("INFO", "replication").ConfigureAwait(false))[0].Contains("role:master", StringComparison.Ordinal);

    private static async Task<bool> ServesSlotAsync(RedisServer node, int slot)
    {
        var id = (await node.CommandAsync("CLUSTER", "MYID").ConfigureAwait(false))[0];
        var nodes = (await node.CommandAsync("CLUSTER", "NODES").ConfigureAwait(false))[0];
        var mine = nodes.Split('\n').First(l => l.StartsWith(id, StringComparison.Ordinal)).Split(' ');
        foreach (var range in mine.Skip(8))
        {
            var bounds = range.Split('-');
            if (!int.TryParse(bounds[0], CultureInfo.InvariantCulture, out var low))
            {
                continue;
            }

            var high = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : low;
            if (slot >= low && slot <= high)
            {
                return true;
            }
        }

        return false;
    }

    internal static Task WaitAsync(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(condition, reached => reached, TimeSpan.FromSeconds(30), "Redis to reach " + what);
}
