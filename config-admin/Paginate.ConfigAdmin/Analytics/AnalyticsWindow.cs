namespace Paginate.ConfigAdmin.Analytics;

/// <summary>
/// An analytics window and its chart bucket size: <c>all</c> (the runner's whole life, totals from its counters),
/// <c>24h</c>, <c>7d</c>, <c>30d</c>, or <c>since</c> a time (totals from the kept records in the window).
/// </summary>
internal sealed record AnalyticsWindow(string Name, TimeSpan? Length, TimeSpan Bucket)
{
    public const string Default = "all";
    public static readonly IReadOnlyList<string> Names = ["24h", "7d", "30d", "all"];

    /// <summary>True when the totals are the lifetime counters, not a count of kept records.</summary>
    public bool Lifetime => Length is null;

    public static AnalyticsWindow? Parse(string? value) => (value ?? Default) switch
    {
        "24h" => new("24h", TimeSpan.FromHours(24), TimeSpan.FromHours(1)),
        "7d" => new("7d", TimeSpan.FromDays(7), TimeSpan.FromDays(1)),
        "30d" => new("30d", TimeSpan.FromDays(30), TimeSpan.FromDays(1)),
        "all" => new("all", null, TimeSpan.FromDays(1)),
        _ => null,
    };

    /// <summary>From <paramref name="since"/> until <paramref name="now"/>: hourly buckets up to two days, daily beyond.</summary>
    public static AnalyticsWindow Since(DateTimeOffset since, DateTimeOffset now)
    {
        var length = now > since ? now - since : TimeSpan.Zero;
        return new("since", length, length <= TimeSpan.FromDays(2) ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1));
    }
}
