using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Hosting;

/// <summary>
/// Readiness: unhealthy (503) until the catalog was loaded once, and while draining; degraded (still 200)
/// while the catalog is stale or Redis is away. Runners are immutable, so a cached catalog is never wrong,
/// and taking every gateway out of service because Redis blinked would turn a Redis outage into a full
/// outage; <c>paginate_catalog_stale</c>/<c>paginate_redis_connected</c> alert instead.
/// </summary>
internal sealed class ReadinessCheck : IHealthCheck
{
    public const string Name = "catalog";

    private readonly GatewayState _state;

    public ReadinessCheck(GatewayState state) => _state = state;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var catalog = !_state.CatalogLoaded ? "loading" : _state.CatalogStale ? "stale" : "fresh";
        var data = new Dictionary<string, object>
        {
            ["catalog"] = catalog,
            ["redis"] = _state.RedisConnected ? "connected" : "disconnected",
            ["runners_loaded"] = _state.RunnersLoaded,
        };
        var result = _state.Draining ? HealthCheckResult.Unhealthy("draining", data: With(data, "draining"))
            : !_state.CatalogLoaded ? HealthCheckResult.Unhealthy("catalog not loaded", data: With(data, "not_ready"))
            : _state.CatalogStale || !_state.RedisConnected ? HealthCheckResult.Degraded("serving the last good catalog", data: With(data, "degraded"))
            : HealthCheckResult.Healthy("ready", With(data, "ready"));
        return Task.FromResult(result);
    }

    private static Dictionary<string, object> With(Dictionary<string, object> data, string status)
    {
        data["status"] = status;
        return data;
    }
}
