using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paginate.Engine.Upstream;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Paginate.Gateway.Upstream;

internal static class UpstreamSetup
{
    /// <summary>YARP with the catalog-fed configuration: the runner route and one guarded cluster per upstream origin.</summary>
    public static IServiceCollection AddUpstreamClusters(this IServiceCollection services)
    {
        services.AddReverseProxy();
        services.AddSingleton(sp => new GuardedConnector(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.AllowPrivateUpstreams));
        services.AddSingleton<IForwarderHttpClientFactory, GuardedHttpClientFactory>();
        services.AddSingleton<UpstreamClusters>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<UpstreamClusters>());
        services.AddSingleton<ClusterDirectory>();
        return services;
    }
}
