namespace Paginate.ConfigAdmin.RateLimiting;

/// <summary>
/// The <c>Admin:RateLimits</c> section: per admin key limits on the calls that cost something outside the
/// app (a mail, upstream requests). E.g. <c>Admin__RateLimits__DryRuns__PermitLimit=30</c>.
/// </summary>
public sealed record AdminRateLimitOptions
{
    public const string Section = "Admin:RateLimits";

    /// <summary><c>POST /api/runners/{id}/token</c>: each call sends a mail. Default 60 per 60 s.</summary>
    public RateLimitRule TokenIssue { get; init; } = new() { PermitLimit = 60 };

    /// <summary><c>POST /api/runners/test</c> and <c>/api/runners/{id}/test</c>: up to 50 upstream pages each. Default 300 per 60 s.</summary>
    public RateLimitRule DryRuns { get; init; } = new() { PermitLimit = 300 };

    /// <summary><c>POST /api/runners/detect</c>: one upstream request each. Default 300 per 60 s.</summary>
    public RateLimitRule Detection { get; init; } = new() { PermitLimit = 300 };
}
