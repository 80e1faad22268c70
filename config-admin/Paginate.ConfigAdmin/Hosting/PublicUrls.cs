using Microsoft.Extensions.Options;

namespace Paginate.ConfigAdmin.Hosting;

/// <summary>Builds the public URLs of a runner: on the gateway and in the web UI.</summary>
/// <remarks>
/// The gateway base comes from <c>Admin:PublicGatewayUrl</c>, else the request's own base: the options
/// validator refuses to start without the setting outside Development, because <c>runner_url</c> also goes
/// into the token mail.
/// </remarks>
internal sealed class PublicUrls(IOptions<AdminOptions> options)
{
    private readonly AdminOptions _options = options.Value;

    public string RunnerUrl(HttpRequest request, string id) => $"{Base(_options.PublicGatewayUrl, request)}/r/{id}";

    public string ManagementUrl(HttpRequest request, string id) => $"{Base(_options.PublicAdminUrl, request)}/runners/{id}";

    public string AnalyticsUrl(HttpRequest request, string id) => $"{ManagementUrl(request, id)}/analytics";

    private static string Base(string? configured, HttpRequest request) =>
        (configured ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');
}
