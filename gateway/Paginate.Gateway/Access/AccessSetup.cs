using Microsoft.Extensions.DependencyInjection;

namespace Paginate.Gateway.Access;

internal static class AccessSetup
{
    /// <summary>The static-IP allowlist and token check (<c>Gateway:AllowedNetworks</c>, <c>Gateway:TrustedProxies</c>).</summary>
    public static IServiceCollection AddRunnerAccess(this IServiceCollection services) => services.AddSingleton<AccessChecker>();
}
