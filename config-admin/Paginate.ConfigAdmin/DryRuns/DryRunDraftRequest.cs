using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>The body of <c>POST /api/runners/test</c> (documentation only: the handler reads the JSON itself).</summary>
internal sealed record DryRunDraftRequest(
    RunnerDefinition Config,
    IReadOnlyDictionary<string, string>? TestHeaders,
    IReadOnlyDictionary<string, string>? TestQuery,
    int? MaxPages);
