namespace Paginate.Engine.Storage;

/// <summary>
/// A runner's lifetime call counters (kept in Redis next to its record list, written with each record), so
/// totals cover every call ever made, not only the capped list of kept records.
/// </summary>
public sealed record CallTotals
{
    public static CallTotals Empty { get; } = new();

    public long Calls { get; init; }
    public long LiveCalls { get; init; }
    public long TestCalls { get; init; }
    public long ErrorCalls { get; init; }
    public long Items { get; init; }
    public long Pages { get; init; }
    public long Retries { get; init; }
    public long DurationMs { get; init; }

    /// <summary>Calls by upstream status (as text, e.g. <c>"200"</c>); calls without an upstream answer are not in it.</summary>
    public IReadOnlyDictionary<string, long> StatusCodes { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> StopReasons { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ErrorCodes { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);
}
