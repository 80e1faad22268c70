using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paginate.Engine.Budgets;
using Paginate.Engine.Storage;
using StackExchange.Redis;

namespace Paginate.Gateway.Budgets;

internal static class BudgetSetup
{
    /// <summary>Rate budgets and back-off holds shared by every gateway through Redis (CONTRACT §6.1, §6.2).</summary>
    public static IServiceCollection AddSharedBudgets(this IServiceCollection services)
    {
        services.AddSingleton<IUpstreamBudget>(sp => new RedisUpstreamBudget(
            sp.GetRequiredService<IConnectionMultiplexer>(), RateScopeKey(sp.GetRequiredService<IOptions<GatewayOptions>>().Value)));
        return services;
    }

    // The configured text (checked for length by the options validator) is stretched to a 256-bit key.
    private static byte[]? RateScopeKey(GatewayOptions options) =>
        string.IsNullOrEmpty(options.RateScopeKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.RateScopeKey));
}
