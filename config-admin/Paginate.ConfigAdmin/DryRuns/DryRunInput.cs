using System.Text.Json;
using Paginate.ConfigAdmin.Http;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>
/// What a dry run brings: test header values, placeholder values and a page cap. The values are secrets:
/// they live only in this object for the length of the request and are never logged, stored or echoed.
/// </summary>
internal sealed class DryRunInput
{
    /// <summary>The most pages one dry run fetches (CONTRACT §3 v2); the UI's page field says the same.</summary>
    public const int MaxMaxPages = 50;

    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    /// <summary>The pages asked for; null: the runner's own <c>max_pages</c>, at most <see cref="MaxMaxPages"/>.</summary>
    public required int? MaxPages { get; init; }

    /// <summary>Reads <c>test_headers</c>, <c>test_query</c> and <c>max_pages</c>, adding errors by field.</summary>
    public static DryRunInput Read(JsonElement root, FieldErrors errors, bool withMaxPages = true)
    {
        var headers = JsonBody.ReadStringMap(root, "test_headers", errors, StringComparer.OrdinalIgnoreCase);
        var query = JsonBody.ReadStringMap(root, "test_query", errors, StringComparer.Ordinal);
        int? maxPages = null;
        if (withMaxPages && root.TryGetProperty("max_pages", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int asked) && asked is >= 1 and <= MaxMaxPages)
            {
                maxPages = asked;
            }
            else
            {
                errors.Add("max_pages", $"must be a whole number from 1 to {MaxMaxPages}; leave it out to use the runner's max pages.");
            }
        }

        return new DryRunInput { Headers = headers, Query = query, MaxPages = maxPages };
    }

    /// <summary>Pages this dry run may fetch: the asked number, else the runner's <c>max_pages</c>, never more than either cap.</summary>
    public int PagesFor(int runnerMaxPages) => Math.Min(MaxPages ?? MaxMaxPages, Math.Min(runnerMaxPages, MaxMaxPages));

    /// <summary>Hides every value: this object may end up in a log by mistake.</summary>
    public override string ToString() => $"DryRunInput(headers: {Headers.Count}, query: {Query.Count}, max_pages: {MaxPages?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "runner"})";
}
