namespace Paginate.ConfigAdmin.Analytics;

/// <summary>An analytics window (<c>24h</c>, <c>7d</c>, <c>30d</c>, <c>all</c>) and its chart bucket size.</summary>
internal sealed record AnalyticsWindow(string Name, TimeSpan? Length, TimeSpan Bucket)
{
    public const string Default = "7d";
    public static readonly IReadOnlyList<string> Names = ["24h", "7d", "30d", "all"];

    public static AnalyticsWindow? Parse(string? value) => (value ?? Default) switch
    {
        "24h" => new("24h", TimeSpan.FromHours(24), TimeSpan.FromHours(1)),
        "7d" => new("7d", TimeSpan.FromDays(7), TimeSpan.FromDays(1)),
        "30d" => new("30d", TimeSpan.FromDays(30), TimeSpan.FromDays(1)),
        "all" => new("all", null, TimeSpan.FromDays(1)),
        _ => null,
    };
}
