using Paginate.Engine.Storage;
using StackExchange.Redis;

namespace Paginate.ConfigAdmin.Storage;

/// <summary>The engine's Redis stores on one shared connection (<c>ConnectionStrings:Redis</c>).</summary>
internal static class StorageSetup
{
    public static IServiceCollection AddAdminStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Redis is required (e.g. 127.0.0.1:6379).");
        }

        // The engine's connect does not wait for Redis: the app starts, and calls fail fast until it is up.
        services.AddSingleton(_ => RedisConnection.Connect(connectionString));
        services.AddSingleton<IRunnerStore, RedisRunnerStore>();
        services.AddSingleton<ITokenStore, RedisTokenStore>();
        services.AddSingleton<ICallRecordStore>(sp => new RedisCallRecordStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        services.AddSingleton<IUsageNoteStore, RedisUsageNoteStore>();
        return services;
    }
}
