using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paginate.Engine.Storage;
using StackExchange.Redis;

namespace Paginate.Gateway.Catalog;

internal static class CatalogSetup
{
    /// <summary>The Redis connection and stores (<c>ConnectionStrings:Redis</c>), the runner catalog and its refresher.</summary>
    public static IServiceCollection AddRunnerCatalog(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Redis");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Redis is required.");
            }

            return RedisConnection.Connect(connectionString);
        });
        services.AddSingleton<IRunnerStore>(sp => new RedisRunnerStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        services.AddSingleton<ITokenStore>(sp => new RedisTokenStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        services.AddSingleton<ICallRecordStore>(sp => new RedisCallRecordStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        services.AddSingleton<ICatalogChangeFeed>(sp => new RedisCatalogChangeFeed(sp.GetRequiredService<IConnectionMultiplexer>()));
        services.AddSingleton<RunnerCatalog>();
        services.AddSingleton<CatalogRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogRefresher>());
        return services;
    }

    /// <summary>
    /// A reconnect to Redis wakes the refresher at once instead of at the next poll; at start, a catalog stored
    /// before the <c>{catalog}</c> hash tag is copied to the tagged keys once.
    /// </summary>
    public static WebApplication WakeCatalogOnReconnect(this WebApplication app)
    {
        var refresher = app.Services.GetRequiredService<CatalogRefresher>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
            redis.ConnectionRestored += (_, _) => refresher.Wake();
            _ = MigrateCatalogKeysAsync(redis, refresher);
        });
        return app;
    }

    // Until Redis answers, the next start tries again.
    private static async Task MigrateCatalogKeysAsync(IConnectionMultiplexer redis, CatalogRefresher refresher)
    {
        try
        {
            if (await CatalogKeyMigration.RunAsync(redis).ConfigureAwait(false) > 0)
            {
                refresher.Wake();
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away: the gateway serves what it has; an untagged catalog is copied at a later start.
        }
    }
}
