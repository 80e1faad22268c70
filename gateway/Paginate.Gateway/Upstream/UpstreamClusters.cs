using System.Net;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Paginate.Gateway.Upstream;

/// <summary>
/// The gateway's YARP configuration, fed by the runner catalog: ONE route, <c>/r/{runner_id}</c>, and one
/// cluster per upstream origin (scheme, host, port) of the runners' <c>request.url</c>. A cluster is the
/// origin's connection pool (<see cref="HttpClientConfig"/>: connection limit, the SSRF-guarded handler of
/// <see cref="GuardedHttpClientFactory"/>), its HTTP version policy and its passive health. Runners are not
/// routes: thousands of routes make YARP's matcher slow to rebuild, while origins are few and only grow
/// (runners are immutable and never removed from a running gateway).
/// </summary>
internal sealed class UpstreamClusters : IProxyConfigProvider
{
    /// <summary>The single route's id.</summary>
    public const string RouteId = "runner-call";

    /// <summary>The route template (CONTRACT §2).</summary>
    public const string RouteTemplate = "/r/{runner_id}";

    /// <summary>
    /// The route's own cluster, without destinations. YARP answers 503 before the pipeline runs when a route
    /// has no cluster; every call is reassigned to its runner's origin cluster once access is granted.
    /// </summary>
    public const string RouteClusterId = "runner-route";

    /// <summary>
    /// The version policy every upstream request uses: HTTP/2 when a TLS upstream offers it by ALPN, else
    /// HTTP/1.1 (plain http always gets HTTP/1.1), so pages fetched at once or ahead share one connection.
    /// <see cref="GuardedHttpClientFactory"/> applies it, because the engine builds its own requests.
    /// </summary>
    public static readonly ForwarderRequestConfig RequestConfig = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    private static readonly HealthCheckConfig Health = new()
    {
        // No request is forwarded raw, so YARP's own policy sees nothing: the fail-fast circuits (Circuits/OriginCircuits)
        // set the destination's passive health from the engine's requests, with the cool-down as reactivation period.
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true,
            Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
            ReactivationPeriod = TimeSpan.FromSeconds(30),
        },
        AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
    };

    private readonly Lock _gate = new();
    private readonly HttpClientConfig _httpClient;
    private volatile UpstreamProxyConfig _config;

    public UpstreamClusters(IOptions<GatewayOptions> options)
    {
        _httpClient = new HttpClientConfig
        {
            MaxConnectionsPerServer = options.Value.MaxConnectionsPerOrigin,
            EnableMultipleHttp2Connections = true,
        };
        var route = new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = RouteClusterId,
            Match = new RouteMatch { Path = RouteTemplate, Methods = ["GET", "POST"] },
        };
        _config = new UpstreamProxyConfig([route], [new ClusterConfig { ClusterId = RouteClusterId }]);
    }

    /// <summary>The cluster id of an origin: <c>scheme://host[:port]</c>, lower case, default port left out.</summary>
    public static string ClusterIdOf(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return origin.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public IProxyConfig GetConfig() => _config;

    /// <summary>Adds a cluster for each origin not known yet; returns the ids of the clusters added.</summary>
    public IReadOnlyList<string> Include(IEnumerable<Uri> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        lock (_gate)
        {
            var current = _config;
            var known = current.Clusters.Select(c => c.ClusterId).ToHashSet(StringComparer.Ordinal);
            var added = new List<ClusterConfig>();
            foreach (var origin in origins)
            {
                var id = ClusterIdOf(origin);
                if (known.Add(id))
                {
                    added.Add(Cluster(id));
                }
            }

            if (added.Count > 0)
            {
                _config = new UpstreamProxyConfig(current.Routes, [.. current.Clusters, .. added]);
                current.SignalChange();
            }

            return [.. added.Select(c => c.ClusterId)];
        }
    }

    private ClusterConfig Cluster(string id) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal) { ["origin"] = new() { Address = id + "/" } },
        HttpClient = _httpClient,
        HttpRequest = RequestConfig,
        HealthCheck = Health,
    };
}
