using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Paginate.ConfigAdmin.Ui;

/// <summary>
/// Serves the web UI from <c>wwwroot</c> at <c>/</c>. The UI's own routes (<c>/runners/{id}</c>, ...) fall
/// back to <c>index.html</c>; index.html is never cached so a deploy is seen at once, other assets may be.
/// </summary>
internal static class UiSetup
{
    public static WebApplication UseAdminUi(this WebApplication app)
    {
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
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api(/|$)))}", "index.html", Options());
        return app;
    }

    private static StaticFileOptions Options() => new()
    {
        OnPrepareResponse = context =>
        {
            if (string.Equals(context.File.Name, "index.html", StringComparison.OrdinalIgnoreCase))
            {
                context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            }
        },
        ContentTypeProvider = new FileExtensionContentTypeProvider(),
    };
}
