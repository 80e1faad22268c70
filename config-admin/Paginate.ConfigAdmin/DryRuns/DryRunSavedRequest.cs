namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>The body of <c>POST /api/runners/{id}/test</c> (documentation only: the handler reads the JSON itself).</summary>
internal sealed record DryRunSavedRequest(
    IReadOnlyDictionary<string, string>? TestHeaders,
    IReadOnlyDictionary<string, string>? TestQuery,
    int? MaxPages);
