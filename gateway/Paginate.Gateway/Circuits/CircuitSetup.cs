using Microsoft.Extensions.DependencyInjection;

namespace Paginate.Gateway.Circuits;

internal static class CircuitSetup
{
    /// <summary>Fail-fast origins (CONTRACT §6.3): the circuits, fed by every cluster's client.</summary>
    public static IServiceCollection AddOriginCircuits(this IServiceCollection services)
    {
        services.AddSingleton<OriginCircuits>();
        return services;
    }
}
