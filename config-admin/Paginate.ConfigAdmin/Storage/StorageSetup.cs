using StackExchange.Redis;

namespace Paginate.ConfigAdmin.Storage;

/// <summary>The engine's Redis stores on one shared connection (<c>ConnectionStrings:Redis</c>).</summary>
internal static class StorageSetup
{
    public static IServiceCollection AddAdminStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is required.");
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(connectionString));
        return services;
    }
}
