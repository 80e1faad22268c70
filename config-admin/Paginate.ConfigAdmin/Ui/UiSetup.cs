using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Paginate.ConfigAdmin.Ui;

/// <summary>
/// Serves the web UI from <c>wwwroot</c> at <c>/</c>. The UI's own routes (<c>/runners/{id}</c>, ...) fall
/// back to <c>index.html</c>. Nothing is cached without revalidation: the assets are not versioned by name,
/// so a deploy must be seen at once (an unchanged file still answers 304 to its ETag).
/// </summary>
internal static class UiSetup
{
    public static WebApplication UseAdminUi(this WebApplication app)
    {
        app.UseAdminSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles(Options());
        return app;
    }

    /// <summary>
    /// Unknown paths outside <c>/api</c> that do not name a file are UI routes. <c>/api</c> is excluded by
    /// the pattern (not by a handler) so routing still answers 404, 405 and 415 for API paths itself.
    /// </summary>
    public static WebApplication MapAdminUiFallback(this WebApplication app)
    {
        // The one read the UI needs beyond the admin API: the home page's configurable links.
        app.MapGet("/api/ui/links", (IConfiguration configuration) => TypedResults.Ok(UiLinks.From(configuration)))
            .RequireAuthorization(Auth.AuthSetup.AdminPolicy)
            .WithTags("UI")
            .WithSummary("The home page's links (Admin:Links); null when unset");
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api(/|$)))}", "index.html", Options());
        return app;
    }

    private static StaticFileOptions Options() => new()
    {
        OnPrepareResponse = context =>
        {
            context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        },
        ContentTypeProvider = new FileExtensionContentTypeProvider(),
    };
}
