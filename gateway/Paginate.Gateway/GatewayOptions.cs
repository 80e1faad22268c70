namespace Paginate.Gateway;

/// <summary>The <c>Gateway</c> configuration section (CONTRACT §4).</summary>
public sealed record GatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway";

    /// <summary>
    /// Static-IP allowlist: CIDR blocks or single addresses, IPv4 or IPv6. Empty (the default) means no
    /// caller is allowed by address, only by token.
    /// </summary>
    public IReadOnlyList<string> AllowedNetworks { get; init; } = [];

    /// <summary>
    /// Proxies (CIDR or single address) whose <c>X-Forwarded-For</c> is believed. Empty (the default):
    /// the client is always the TCP peer.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>Allows http and loopback/private upstream addresses. Local and dev only; default false.</summary>
    public bool AllowPrivateUpstreams { get; init; }

    /// <summary>
    /// Key of the keyed hash that names <c>scope: credential</c> rate budgets, the same on every gateway: any text
    /// of at least 32 characters, never a credential itself. Empty (the default): a random key is created once in
    /// Redis and shared through it; set this to keep even that key out of Redis.
    /// </summary>
    public string? RateScopeKey { get; init; }

    /// <summary>(v2) Memory all cached answers may hold, in MiB (default 256); least recently used are evicted.</summary>
    public int CacheMaxMiB { get; init; } = 256;

    /// <summary>(v2) Largest answer kept in the cache, in KiB (default 1024); larger answers are served but not kept.</summary>
    public int CacheMaxAnswerKiB { get; init; } = 1024;
}
