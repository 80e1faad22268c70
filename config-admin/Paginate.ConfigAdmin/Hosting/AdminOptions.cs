namespace Paginate.ConfigAdmin.Hosting;

/// <summary>The <c>Admin</c> configuration section (CONTRACT §4).</summary>
public sealed record AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Bearer keys accepted on <c>/api</c>. None configured: every call is refused (and a warning is logged).</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>
    /// Base of <c>runner_url</c> (also in the token mail), e.g. <c>https://paginate.example.com</c>. Required
    /// outside Development; in Development the default is the request's own base.
    /// </summary>
    public string? PublicGatewayUrl { get; init; }

    /// <summary>Base of <c>management_url</c> and <c>analytics_url</c> (the web UI). Default: the request's own base.</summary>
    public string? PublicAdminUrl { get; init; }

    /// <summary>Allowed token recipient domains, matched exactly (case-insensitive). Default: <c>clay.com</c>.</summary>
    public IReadOnlyList<string> TokenEmailDomains { get; init; } = [];

    /// <summary>The configured domains, or the default when none are configured.</summary>
    public IReadOnlyList<string> EffectiveTokenEmailDomains =>
        TokenEmailDomains.Count > 0 ? TokenEmailDomains : ["clay.com"];
}
