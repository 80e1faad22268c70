using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Paginate.Gateway.Caching;

internal static class CacheSetup
{
    /// <summary>The in-memory answer cache and the shared walks of identical calls (CONTRACT §6.5).</summary>
    public static IServiceCollection AddAnswerCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => new AnswerCache(sp.GetRequiredService<IOptions<GatewayOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CachedCalls>();
        return services;
    }
}
