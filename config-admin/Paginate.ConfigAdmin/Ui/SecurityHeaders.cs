using Microsoft.Net.Http.Headers;

namespace Paginate.ConfigAdmin.Ui;

/// <summary>
/// Security headers on every admin response. The UI loads only its own files and builds the page with DOM calls
/// (no inline script or style), so <c>default-src 'self'</c> costs nothing and stops injected script; the admin
/// key lives in session storage, which a framing page or a leaked referrer must never reach.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static WebApplication UseAdminSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        return app;
    }
}
