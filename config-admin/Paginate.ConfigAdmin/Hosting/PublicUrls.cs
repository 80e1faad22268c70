using Microsoft.Extensions.Options;

namespace Paginate.ConfigAdmin.Hosting;

/// <summary>Builds the public URLs of a runner: on the gateway and in the web UI.</summary>
/// <remarks>
/// The gateway base comes from <c>Admin:PublicGatewayUrl</c>; only in Development may it fall back to the
/// request's own base (the options validator refuses to start without it anywhere else), because
/// <c>runner_url</c> also goes into the token mail.
/// </remarks>
internal sealed class PublicUrls(IOptions<AdminOptions> options, IHostEnvironment environment)
{
    private readonly AdminOptions _options = options.Value;
    private readonly bool _hostFallback = environment.IsDevelopment();

    public string RunnerUrl(HttpRequest request, string id) => $"{GatewayBase(request)}/r/{id}";

    public string ManagementUrl(HttpRequest request, string id) => $"{Base(_options.PublicAdminUrl, request)}/runners/{id}";

    public string AnalyticsUrl(HttpRequest request, string id) => $"{ManagementUrl(request, id)}/analytics";

    private string GatewayBase(HttpRequest request) =>
        _options.PublicGatewayUrl is { } configured ? configured.TrimEnd('/')
        : _hostFallback ? Base(null, request)
        : throw new InvalidOperationException("Admin:PublicGatewayUrl is not configured.");

    private static string Base(string? configured, HttpRequest request) =>
        (configured ?? $"{request.Scheme}://{request.Host}{request.PathBase}").TrimEnd('/');
}
