using System.Text.Json.Serialization;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>One page of a dry run: what came back and how long it took. The URL has every query value masked.</summary>
internal sealed record DryRunTraceEntry(
    int Page,
    int? Status,
    int Items,
    long DurationMs,
    int Retries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StopReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Logs);
