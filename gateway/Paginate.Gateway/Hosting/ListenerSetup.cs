using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Paginate.Gateway.Hosting;

internal static class ListenerSetup
{
    /// <summary>Kestrel's <c>Public</c> and <c>Management</c> endpoints from configuration, their bound addresses kept.</summary>
    public static WebApplicationBuilder AddGatewayListeners(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseKestrelHttpsConfiguration();
        var listeners = new Listeners();
        builder.Services.AddSingleton(listeners);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Configure(context.Configuration.GetSection("Kestrel"))
                .Endpoint(Listeners.PublicName, endpoint => listeners.SetPublic(endpoint.ListenOptions, endpoint.IsHttps))
                .Endpoint(Listeners.ManagementName, endpoint => listeners.SetManagement(endpoint.ListenOptions, endpoint.IsHttps));
        });
        return builder;
    }

    /// <summary>Keeps each listener to its own paths (see <see cref="ListenerGateMiddleware"/>).</summary>
    public static IApplicationBuilder UseListenerGate(this IApplicationBuilder app) => app.UseMiddleware<ListenerGateMiddleware>();
}
