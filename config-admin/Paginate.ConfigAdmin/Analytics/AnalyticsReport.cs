using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Analytics;

/// <summary>
/// The body of <c>GET /api/runners/{id}/analytics</c>: the contract's aggregates over the window, plus
/// <c>window</c>, <c>error_calls</c> and <c>series</c> (calls per hour or day) for the chart.
/// </summary>
internal sealed record AnalyticsReport(
    string Window,
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
