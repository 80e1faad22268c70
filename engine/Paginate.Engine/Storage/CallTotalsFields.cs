using System.Globalization;
using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>
/// The fields of a runner's totals hash, and how records add to them. Counts per value are fields with a
/// prefix (<c>status:200</c>, <c>stop:no_next_page</c>, <c>error:upstream_status</c>): status codes, stop
/// reasons and error codes are short fixed vocabularies, never caller input, so the hash stays small.
/// </summary>
internal static class CallTotalsFields
{
    public const string Calls = "calls";
    public const string LiveCalls = "calls:live";
    public const string TestCalls = "calls:test";
    public const string ErrorCalls = "outcome:error";
    public const string Items = "items";
    public const string Pages = "pages";
    public const string Retries = "retries";
    public const string DurationMs = "duration_ms";

    /// <summary>Set once the records kept from before counters existed were added to them.</summary>
    public const string Backfilled = "backfilled";

    private const string StatusPrefix = "status:";
    private const string StopPrefix = "stop:";
    private const string ErrorPrefix = "error:";

    /// <summary>What <paramref name="records"/> add to the hash, summed per field (one HINCRBY per field, not per record).</summary>
    public static Dictionary<string, long> Increments(IEnumerable<CallRecord> records)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            Add(sums, Calls, 1);
            Add(sums, record.Mode == CallRecord.TestMode ? TestCalls : LiveCalls, 1);
            if (record.Outcome == CallRecord.ErrorOutcome)
            {
                Add(sums, ErrorCalls, 1);
            }

            Add(sums, Items, record.Items);
            Add(sums, Pages, record.Pages);
            Add(sums, Retries, record.Retries);
            Add(sums, DurationMs, record.DurationMs);
            if (record.UpstreamStatus is { } status)
            {
                Add(sums, StatusPrefix + status.ToString(CultureInfo.InvariantCulture), 1);
            }

            if (record.StopReason is { Length: > 0 } stop)
            {
                Add(sums, StopPrefix + stop, 1);
            }

            if (record.ErrorCode is { Length: > 0 } error)
            {
                Add(sums, ErrorPrefix + error, 1);
            }
        }

        return sums;
    }

    public static CallTotals Read(HashEntry[] entries)
    {
        var status = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var stops = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var totals = new CallTotals { StatusCodes = status, StopReasons = stops, ErrorCodes = errors };
        foreach (var entry in entries)
        {
            var name = entry.Name.ToString();
            if (!entry.Value.TryParse(out long value))
            {
                continue;
            }

            totals = name switch
            {
                Calls => totals with { Calls = value },
                LiveCalls => totals with { LiveCalls = value },
                TestCalls => totals with { TestCalls = value },
                ErrorCalls => totals with { ErrorCalls = value },
                Items => totals with { Items = value },
                Pages => totals with { Pages = value },
                Retries => totals with { Retries = value },
                DurationMs => totals with { DurationMs = value },
                _ => totals,
            };
            if (name.StartsWith(StatusPrefix, StringComparison.Ordinal))
            {
                status[name[StatusPrefix.Length..]] = value;
            }
            else if (name.StartsWith(StopPrefix, StringComparison.Ordinal))
            {
                stops[name[StopPrefix.Length..]] = value;
            }
            else if (name.StartsWith(ErrorPrefix, StringComparison.Ordinal))
            {
                errors[name[ErrorPrefix.Length..]] = value;
            }
        }

        return totals;
    }

    /// <summary>The hash's entries with <paramref name="more"/> added (records not yet in the counters).</summary>
    public static HashEntry[] Merge(HashEntry[] entries, Dictionary<string, long> more)
    {
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Value.TryParse(out long value))
            {
                Add(merged, entry.Name.ToString(), value);
            }
        }

        foreach (var (name, value) in more)
        {
            Add(merged, name, value);
        }

        return [.. merged.Select(pair => new HashEntry(pair.Key, pair.Value))];
    }

    private static void Add(Dictionary<string, long> sums, string field, long value) =>
        sums[field] = sums.GetValueOrDefault(field) + value;
}
