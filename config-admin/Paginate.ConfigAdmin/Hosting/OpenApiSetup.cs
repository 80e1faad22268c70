using Microsoft.OpenApi;

namespace Paginate.ConfigAdmin.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, generated from the endpoints themselves so it cannot
/// drift from them; this adds the title, the bearer scheme every <c>/api</c> call needs, and the shared
/// problem answers.
/// </summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Paginate config-admin API",
                Version = "v1",
                Description = "Create, test and publish runners; issue tokens by email; usage notes; analytics. "
                    + "Every /api call needs Authorization: Bearer <admin key>. Errors are RFC 9457 problem details. "
                    + "Beyond the contract: GET /api/overview (home totals), analytics 'window', 'error_calls' and 'series', "
                    + "dry-run 'truncated' and 'error', detect 'upstream_status' and 'items_found'.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["admin_key"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An admin key from Admin:ApiKeys.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("admin_key", document)] = [] });
            return Task.CompletedTask;
        }));
}
