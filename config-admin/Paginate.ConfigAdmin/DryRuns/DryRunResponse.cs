using System.Text.Json;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>
/// The answer of a dry run: the items (at most <see cref="DryRunner.MaxItemsReturned"/>), the contract's
/// <c>meta</c>, the per-page trace, whether items were cut (<c>truncated</c>) and a safe failure
/// description (<c>error</c>, null on success).
/// </summary>
internal sealed record DryRunResponse(
    JsonElement Items,
    JsonElement Meta,
    IReadOnlyList<DryRunTraceEntry> Trace,
    bool Truncated,
    string? Error);
