using System.Globalization;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Analytics;

/// <summary>Aggregates call records (newest first) into a report. Pure: the clock is passed in.</summary>
internal static class AnalyticsCalculator
{
    public const int RecentCount = 50;
    private const int MaxBuckets = 366;

    public static AnalyticsReport Compute(AnalyticsWindow window, IReadOnlyList<CallRecord> records, DateTimeOffset now)
    {
        var statusCodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var stopReasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var errorCodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long clay = 0, test = 0, errors = 0, items = 0, duration = 0, pages = 0, retries = 0;
        foreach (var record in records)
        {
            if (record.Mode == "test") { test++; } else { clay++; }
            if (record.Outcome == "error") { errors++; }
            items += record.Items;
            duration += record.DurationMs;
            pages += record.Pages;
            retries += record.Retries;
            Count(statusCodes, record.UpstreamStatus?.ToString(CultureInfo.InvariantCulture));
            Count(stopReasons, record.StopReason);
            Count(errorCodes, record.ErrorCode);
        }

        var total = records.Count;
        return new AnalyticsReport(
            window.Name,
            total,
            clay,
            test,
            errors,
            items,
            total == 0 ? 0 : Math.Round((double)duration / total, 1),
            total == 0 ? 0 : Math.Round((double)pages / total, 2),
            retries,
            statusCodes,
            stopReasons,
            errorCodes,
            [.. records.Take(RecentCount)],
            Series(window, records, now));
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
                if (record.Outcome == "error")
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
