using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Hosting;

/// <summary>
/// <c>/healthz</c>: the process is alive. <c>/readyz</c>: 503 until the catalog was loaded once; after that
/// 200, also while Redis is away. Runners are immutable, so a cached catalog is never wrong, and taking
/// every gateway out of service because Redis blinked would turn a Redis outage into a full outage. The
/// body says <c>degraded</c> instead, and <c>paginate_catalog_stale</c>/<c>paginate_redis_connected</c> alert.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Json(new HealthBody("ok", null, null, null)));
        endpoints.MapGet("/readyz", (GatewayState state) =>
        {
            var catalog = !state.CatalogLoaded ? "loading" : state.CatalogStale ? "stale" : "fresh";
            var status = !state.CatalogLoaded ? "not_ready" : state.CatalogStale || !state.RedisConnected ? "degraded" : "ready";
            var body = new HealthBody(status, catalog, state.RedisConnected ? "connected" : "disconnected", state.RunnersLoaded);
            return TypedResults.Json(body, statusCode: state.CatalogLoaded ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    private sealed record HealthBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("catalog")] string? Catalog,
        [property: System.Text.Json.Serialization.JsonPropertyName("redis")] string? Redis,
        [property: System.Text.Json.Serialization.JsonPropertyName("runners_loaded")] int? RunnersLoaded);
}
