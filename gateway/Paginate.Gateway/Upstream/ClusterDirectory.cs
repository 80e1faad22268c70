using System.Diagnostics.CodeAnalysis;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Paginate.Gateway.Upstream;

/// <summary>
/// Finds a runner's origin cluster in YARP's live state, and lets the catalog wait until new origins are
/// there before it serves their runners. YARP applies a new configuration asynchronously, so without the
/// wait a just-published runner could briefly have no cluster.
/// </summary>
internal sealed class ClusterDirectory
{
    private static readonly TimeSpan ApplyLimit = TimeSpan.FromSeconds(5);

    private readonly UpstreamClusters _clusters;
    private readonly IProxyStateLookup _state;

    public ClusterDirectory(UpstreamClusters clusters, IProxyStateLookup state)
    {
        _clusters = clusters;
        _state = state;
    }

    public bool TryGet(Uri origin, [NotNullWhen(true)] out ClusterState? cluster) =>
        _state.TryGetCluster(UpstreamClusters.ClusterIdOf(origin), out cluster);

    /// <summary>Adds clusters for new origins and waits (a few ms; at most 5 s) until YARP serves them.</summary>
    /// <returns>False when YARP did not apply them in time (the calls of those runners answer 503 until it does).</returns>
    public async Task<bool> EnsureAsync(IEnumerable<Uri> origins, CancellationToken cancellationToken)
    {
        var added = _clusters.Include(origins);
        if (added.Count == 0)
        {
            return true;
        }

        var deadline = DateTime.UtcNow + ApplyLimit;
        while (!added.All(id => _state.TryGetCluster(id, out _)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
