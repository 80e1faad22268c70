using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Paginate.Gateway.Upstream;

/// <summary>One immutable YARP configuration: the runner route and the origin clusters known at that moment.</summary>
internal sealed class UpstreamProxyConfig : IProxyConfig
{
    private readonly CancellationTokenSource _changed = new();

    public UpstreamProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        Routes = routes;
        Clusters = clusters;
        ChangeToken = new CancellationChangeToken(_changed.Token);
    }

    public IReadOnlyList<RouteConfig> Routes { get; }

    public IReadOnlyList<ClusterConfig> Clusters { get; }

    public IChangeToken ChangeToken { get; }

    /// <summary>Tells YARP a newer configuration replaces this one.</summary>
    public void SignalChange() => _changed.Cancel();
}
