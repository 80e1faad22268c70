using Paginate.Gateway.Catalog;
using StackExchange.Redis;

namespace Paginate.Gateway.Telemetry;

/// <summary>What the health endpoints and gauges report: catalog size and freshness, Redis connectivity.</summary>
internal sealed class GatewayState
{
    private readonly RunnerCatalog _catalog;
    private readonly IConnectionMultiplexer _redis;
    private volatile bool _draining;

    public GatewayState(RunnerCatalog catalog, IConnectionMultiplexer redis)
    {
        _catalog = catalog;
        _redis = redis;
    }

    public bool CatalogLoaded => _catalog.Loaded;

    public bool CatalogStale => _catalog.Stale;

    public int RunnersLoaded => _catalog.Current.Runners.Count;

    public bool RedisConnected => _redis.IsConnected;

    /// <summary>True from SIGTERM on: readiness fails and new calls are refused while calls in flight finish.</summary>
    public bool Draining => _draining;

    public void StartDraining() => _draining = true;
}
