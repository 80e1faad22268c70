using Microsoft.AspNetCore.Authentication;

namespace Paginate.ConfigAdmin.Auth;

/// <summary>Admin-key authentication and the policy every <c>/api</c> group requires.</summary>
internal static class AuthSetup
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddAdminAuth(this IServiceCollection services)
    {
        services.AddSingleton<AdminKeyMatcher>();
        services.AddAuthentication(AdminKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName).RequireRole("admin"));
        return services;
    }
}
