using Paginate.ConfigAdmin.Auth;
using Scalar.AspNetCore;

namespace Paginate.ConfigAdmin.ApiReference;

/// <summary>
/// A Scalar API reference page at <c>/reference</c>, rendered from the app's own OpenAPI document. Like
/// every <c>/api</c> call it needs the admin key (the page and its script; the OpenAPI document itself
/// stays public at <c>/openapi/v1.json</c>). It is not under <c>/api</c> because it is no API operation:
/// the OpenAPI document lists exactly the endpoints under <c>/api</c>.
/// </summary>
internal static class ApiReferenceSetup
{
    public const string Path = "/reference";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder routes)
    {
        routes.MapScalarApiReference(Path, options => options
            .WithTitle("Paginate config-admin API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes("admin_key"))
            .RequireAuthorization(AuthSetup.AdminPolicy)
            .ExcludeFromDescription();
        return routes;
    }
}
