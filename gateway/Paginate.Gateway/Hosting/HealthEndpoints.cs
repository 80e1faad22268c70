using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Paginate.Gateway.Hosting;

/// <summary>
/// <c>/healthz</c>: the process is alive (no checks run). <c>/readyz</c>: <see cref="ReadinessCheck"/>, 200 when
/// healthy or degraded, 503 when unhealthy; the body says which (<c>ready</c>, <c>degraded</c>,
/// <c>not_ready</c>, <c>draining</c>) with the catalog's freshness, Redis and the runner count.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ReadinessCheck>(ReadinessCheck.Name, tags: [ReadyTag]);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => WriteAsync(context, new Dictionary<string, object?> { ["status"] = "ok", ["catalog"] = null, ["redis"] = null, ["runners_loaded"] = null }),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                var data = report.Entries[ReadinessCheck.Name].Data;
                return WriteAsync(context, new Dictionary<string, object?>
                {
                    ["status"] = data["status"],
                    ["catalog"] = data["catalog"],
                    ["redis"] = data["redis"],
                    ["runners_loaded"] = data["runners_loaded"],
                });
            },
        });
    }

    private static Task WriteAsync(HttpContext context, Dictionary<string, object?> body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
