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

    /// <summary>A reconnect to Redis wakes the refresher at once instead of at the next poll.</summary>
    public static WebApplication WakeCatalogOnReconnect(this WebApplication app)
    {
        var refresher = app.Services.GetRequiredService<CatalogRefresher>();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Services.GetRequiredService<IConnectionMultiplexer>().ConnectionRestored += (_, _) => refresher.Wake());
        return app;
    }
}
