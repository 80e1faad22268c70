using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Paginate.Gateway.Hosting;

/// <summary>The bound base URLs of a started gateway (useful with port 0).</summary>
public static class GatewayAddresses
{
    /// <summary>Base URL of the public listener; throws when the app is not started or has no public listener.</summary>
    public static Uri GetPublicUrl(this WebApplication app) =>
        Listeners(app).PublicUrl ?? throw new InvalidOperationException("The gateway is not started or has no Kestrel:Endpoints:Public.");

    /// <summary>Base URL of the management listener; throws when the app is not started or has no management listener.</summary>
    public static Uri GetManagementUrl(this WebApplication app) =>
        Listeners(app).ManagementUrl ?? throw new InvalidOperationException("The gateway is not started or has no Kestrel:Endpoints:Management.");

    private static Listeners Listeners(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<Listeners>();
    }
}
