using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Paginate.ConfigAdmin.Health;

/// <summary>Redis answers a PING within two seconds: no admin call can work without it.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "redis";

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // No exception or description in the result: a connection error can quote the connection string.
            return HealthCheckResult.Unhealthy();
        }
    }
}
