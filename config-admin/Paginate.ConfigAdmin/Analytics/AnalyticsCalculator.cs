using System.Globalization;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Analytics;

/// <summary>Aggregates lifetime counters or call records (newest first) into a report. Pure: the clock is passed in.</summary>
internal static class AnalyticsCalculator
{
    public const int RecentCount = 50;
    private const int MaxBuckets = 366;

    /// <summary>Totals counted from <paramref name="records"/> (a window of the kept records).</summary>
    public static AnalyticsReport Compute(AnalyticsWindow window, IReadOnlyList<CallRecord> records, DateTimeOffset now, DateTimeOffset? since = null) =>
        Report(window, Count(records), records, now, since);

    /// <summary>Totals from the runner's lifetime counters; the chart and <c>recent</c> from the kept records.</summary>
    public static AnalyticsReport Compute(AnalyticsWindow window, CallTotals lifetime, IReadOnlyList<CallRecord> kept, DateTimeOffset now) =>
        Report(window, lifetime, kept, now, since: null);

    private static AnalyticsReport Report(AnalyticsWindow window, CallTotals totals, IReadOnlyList<CallRecord> records, DateTimeOffset now, DateTimeOffset? since)
    {
        var calls = totals.Calls;
        return new AnalyticsReport(
            window.Name,
            since,
            calls,
            totals.LiveCalls,
            totals.TestCalls,
            totals.ErrorCalls,
            totals.Items,
            calls == 0 ? 0 : Math.Round((double)totals.DurationMs / calls, 1),
            calls == 0 ? 0 : Math.Round((double)totals.Pages / calls, 2),
            totals.Retries,
            totals.StatusCodes,
            totals.StopReasons,
            totals.ErrorCodes,
            [.. records.Take(RecentCount)],
            Series(window, records, now));
    }

    private static CallTotals Count(IReadOnlyList<CallRecord> records)
    {
        var statusCodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var stopReasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var errorCodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long clay = 0, test = 0, errors = 0, items = 0, duration = 0, pages = 0, retries = 0;
        foreach (var record in records)
        {
            if (record.Mode == CallRecord.TestMode) { test++; } else { clay++; }
            if (record.Outcome == CallRecord.ErrorOutcome) { errors++; }
            items += record.Items;
            duration += record.DurationMs;
            pages += record.Pages;
            retries += record.Retries;
            Count(statusCodes, record.UpstreamStatus?.ToString(CultureInfo.InvariantCulture));
            Count(stopReasons, record.StopReason);
            Count(errorCodes, record.ErrorCode);
        }

        return new CallTotals
        {
            Calls = records.Count,
            LiveCalls = clay,
            TestCalls = test,
            ErrorCalls = errors,
            Items = items,
            Pages = pages,
            Retries = retries,
            DurationMs = duration,
            StatusCodes = statusCodes,
            StopReasons = stopReasons,
            ErrorCodes = errorCodes,
        };
    }

    private static List<SeriesPoint> Series(AnalyticsWindow window, IReadOnlyList<CallRecord> records, DateTimeOffset now)
    {
        var bucket = window.Bucket;
        var end = Floor(now, bucket);
        var start = window.Length is { } length
            ? Floor(now - length, bucket) + bucket
            : records.Count == 0 ? end : Floor(records[^1].At, bucket);
        if ((end - start).Ticks / bucket.Ticks >= MaxBuckets)
        {
            start = end - (bucket * (MaxBuckets - 1));
        }

        var count = (int)((end - start).Ticks / bucket.Ticks) + 1;
        var calls = new int[count];
        var failures = new int[count];
        foreach (var record in records)
        {
            var index = (int)((Floor(record.At, bucket) - start).Ticks / bucket.Ticks);
            if (index >= 0 && index < count)
            {
                calls[index]++;
                if (record.Outcome == CallRecord.ErrorOutcome)
                {
                    failures[index]++;
                }
            }
        }

        return [.. Enumerable.Range(0, count).Select(i => new SeriesPoint(start + (bucket * i), calls[i], failures[i]))];
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan bucket)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % bucket.Ticks), TimeSpan.Zero);
    }

    private static void Count(SortedDictionary<string, long> counts, string? key)
    {
        if (key is not null)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }
}
