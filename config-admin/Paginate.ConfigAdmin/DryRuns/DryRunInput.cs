using System.Text.Json;
using Paginate.ConfigAdmin.Http;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>
/// What a dry run brings: test header values, placeholder values and a page cap. The values are secrets:
/// they live only in this object for the length of the request and are never logged, stored or echoed.
/// </summary>
internal sealed class DryRunInput
{
    public const int DefaultMaxPages = 5;
    public const int MaxMaxPages = 50;

    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required int MaxPages { get; init; }

    /// <summary>Reads <c>test_headers</c>, <c>test_query</c> and <c>max_pages</c>, adding errors by field.</summary>
    public static DryRunInput Read(JsonElement root, Dictionary<string, List<string>> errors, bool withMaxPages = true)
    {
        var headers = JsonBody.ReadStringMap(root, "test_headers", errors, StringComparer.OrdinalIgnoreCase);
        var query = JsonBody.ReadStringMap(root, "test_query", errors, StringComparer.Ordinal);
        var maxPages = DefaultMaxPages;
        if (withMaxPages && root.TryGetProperty("max_pages", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out maxPages) || maxPages < 1 || maxPages > MaxMaxPages)
            {
                JsonBody.AddError(errors, "max_pages", $"must be a whole number from 1 to {MaxMaxPages}.");
                maxPages = DefaultMaxPages;
            }
        }

        return new DryRunInput { Headers = headers, Query = query, MaxPages = maxPages };
    }

    /// <summary>Hides every value: this object may end up in a log by mistake.</summary>
    public override string ToString() => $"DryRunInput(headers: {Headers.Count}, query: {Query.Count}, max_pages: {MaxPages})";
}
