using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Analytics;

/// <summary>
/// The body of <c>GET /api/runners/{id}/analytics</c>: the contract's aggregates (lifetime for window <c>all</c>,
/// else over the window), plus <c>window</c>, <c>since</c>, <c>error_calls</c> and <c>series</c> (calls per hour or
/// day of the kept records) for the chart.
/// </summary>
internal sealed record AnalyticsReport(
    string Window,
    DateTimeOffset? Since,
    long TotalCalls,
    long ClayCalls,
    long TestCalls,
    long ErrorCalls,
    long ItemsReturned,
    double AvgDurationMs,
    double AvgPages,
    long Retries,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> StopReasons,
    IReadOnlyDictionary<string, long> ErrorCodes,
    IReadOnlyList<CallRecord> Recent,
    IReadOnlyList<SeriesPoint> Series);
