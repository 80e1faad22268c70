using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Paginate.Gateway;

/// <summary>
/// Logging that cannot print a query string, header value or token. ASP.NET Core's request-start and
/// request-finish lines quote the full URL with its query (placeholder values such as API keys), and
/// Kestrel's bad-request lines quote the request target: those categories are held at Warning whatever
/// else is configured. The gateway logs the runner id, route template and outcome itself.
/// </summary>
internal static class GatewayLogging
{
    private static readonly string[] QuietCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
        "Yarp",
        "System.Net.Http.HttpClient",
    ];

    public static void AddGatewayLogging(this WebApplicationBuilder builder)
    {
        foreach (var category in QuietCategories)
        {
            builder.Logging.AddFilter(category, level => level >= LogLevel.Warning);
        }
    }
}
