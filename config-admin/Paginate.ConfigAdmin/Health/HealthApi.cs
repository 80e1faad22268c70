using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Paginate.ConfigAdmin.Health;

/// <summary>
/// Probes without an admin key, on ASP.NET Core health checks: <c>/healthz</c> says the process answers
/// (liveness: runs no check, so a Redis outage does not restart every pod); <c>/readyz</c> runs the checks
/// tagged <see cref="ReadyTag"/> (Redis answers) and is 503 while one fails. The bodies are the same small
/// JSON as before the checks were used: <c>{"status":"ok"}</c>, <c>{"status":"ready","redis":"connected"}</c>,
/// <c>{"status":"unavailable","redis":"disconnected"}</c>.
/// </summary>
internal static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddAdminHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = static _ => false,
            ResponseWriter = static (context, _) => WriteAsync(context, new { status = "ok" }),
        });
        routes.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = static check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = static (context, report) => WriteAsync(context, report.Status == HealthStatus.Unhealthy
                ? new { status = "unavailable", redis = "disconnected" }
                : new { status = "ready", redis = "connected" }),
        });
        return routes;
    }

    private static Task WriteAsync<T>(HttpContext context, T body) => context.Response.WriteAsJsonAsync(body, context.RequestAborted);
}
