namespace Paginate.Gateway;

/// <summary>The <c>Gateway</c> configuration section (CONTRACT §4 and §6). Checked at start: every error at once.</summary>
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

    /// <summary>Runner calls this gateway runs at once (CONTRACT §6.6); past it a call is <c>503 overloaded</c>. Default 1000.</summary>
    public int MaxConcurrentCalls { get; init; } = 1000;

    /// <summary>MiB of upstream page bytes all calls may hold at once (CONTRACT §6.6). Default 256.</summary>
    public int PageBufferBudgetMiB { get; init; } = 256;

    /// <summary>Seconds calls in flight may finish after SIGTERM before they are cancelled (CONTRACT §6.7). Default 130.</summary>
    public int DrainSeconds { get; init; } = 130;

    /// <summary>Seconds tokens from a snapshot that can no longer be refreshed are honoured (CONTRACT §6.8). Default 300.</summary>
    public int StaleTokenGraceSeconds { get; init; } = 300;

    /// <summary>Connections the gateway opens to one upstream origin at most (its YARP cluster's limit). Default 1000.</summary>
    public int MaxConnectionsPerOrigin { get; init; } = 1000;

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

    /// <summary>(v2) When an upstream origin fails fast: <c>Gateway:Circuit:FailureThreshold</c>, <c>Gateway:Circuit:CoolDownSeconds</c>.</summary>
    public Circuits.CircuitOptions Circuit { get; init; } = new();
}
