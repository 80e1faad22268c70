using StackExchange.Redis;

namespace Paginate.ConfigAdmin.Health;

/// <summary>
/// Probes without an admin key: <c>/healthz</c> says the process answers (liveness: never tied to Redis,
/// so an outage does not restart every pod); <c>/readyz</c> says Redis answers too, since no admin call
/// can work without it.
/// </summary>
internal static class HealthApi
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
        routes.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new { status = "ready", redis = "connected" });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return TypedResults.Json(new { status = "unavailable", redis = "disconnected" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
