namespace Paginate.ConfigAdmin.RateLimiting;

/// <summary>
/// One limit: at most <see cref="PermitLimit"/> calls per <see cref="WindowSeconds"/> for one admin key. The
/// allowance refills evenly (one call every WindowSeconds / PermitLimit), so a burst of PermitLimit calls
/// is allowed after a quiet spell and a steady caller is spaced out rather than locked out for a window.
/// </summary>
public sealed record RateLimitRule
{
    /// <summary>Calls allowed per window, and the largest burst. Required, 1 or more.</summary>
    public int PermitLimit { get; init; }

    /// <summary>The window in seconds. Default 60.</summary>
    public int WindowSeconds { get; init; } = 60;

    /// <summary>The time between two refilled calls.</summary>
    public TimeSpan RefillPeriod => TimeSpan.FromSeconds((double)WindowSeconds / PermitLimit);
}
