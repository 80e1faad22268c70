using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Logging;

/// <summary>
/// Logging that cannot print a query string, header value or token, whatever the log settings say.
/// ASP.NET Core's request-start and request-finish lines quote the full URL with its query (placeholder
/// values such as API keys), and Kestrel's bad-request lines quote the request target. Filter rules cannot
/// hold them back: a provider-specific rule (<c>Logging__Console__LogLevel__Default=Information</c>)
/// outranks any category rule. So the logger factory itself hands those categories a logger that drops
/// everything below Warning, before any provider or rule is asked. The gateway logs the runner id, route
/// template and outcome itself.
/// </summary>
internal static class GatewayLogging
{
    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        // The factory the host would build, wrapped: providers and filter rules work as before for the rest.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new QuietLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return builder;
    }
}
