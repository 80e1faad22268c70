using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.Runners;
using Paginate.Engine.Compilation;
using Paginate.Engine.Storage;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>
/// Test runs: a draft (nothing stored, not even a call record) or a saved runner (a <c>test</c> call
/// record only). Test header and query values are used in memory for this request only.
/// </summary>
internal static class DryRunApi
{
    private static readonly string[] DraftFields = ["config", "test_headers", "test_query", "max_pages"];
    private static readonly string[] SavedFields = ["test_headers", "test_query", "max_pages"];

    public static IEndpointRouteBuilder MapDryRuns(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/runners").WithTags("Dry runs");
        group.MapPost("/test", TestDraftAsync)
            .Accepts<DryRunDraftRequest>("application/json")
            .WithSummary("Run a draft definition once; nothing is stored")
            .ProducesValidationProblem().ProducesProblem(415);
        group.MapPost("/{id}/test", TestSavedAsync).RequireRunner()
            .Accepts<DryRunSavedRequest>("application/json")
            .WithSummary("Run a saved runner once; only a test call record is kept")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(415);
        return api;
    }

    private static async Task<Results<Ok<DryRunResponse>, ProblemHttpResult>> TestDraftAsync(
        HttpRequest request,
        DryRunner runner,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            var errors = new FieldErrors();
            JsonBody.RejectUnknownFields(root, DraftFields, errors);
            var input = DryRunInput.Read(root, errors);
            Engine.Compilation.CompiledRunner? compiled = null;
            if (!root.TryGetProperty("config", out var config) || config.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                errors.Add("config", "is required: the draft runner definition.");
            }
            else if (DefinitionReader.Read(config, "config.", errors) is { } definition && errors.Count == 0)
            {
                compiled = runner.Prepare(definition, input, "config.", errors);
            }

            if (compiled is null || errors.Count > 0)
            {
                return ApiProblems.Validation(errors.ToDictionary());
            }

            return TypedResults.Ok(await runner.RunAsync(compiled, input, runnerId: null, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<Results<Ok<DryRunResponse>, ProblemHttpResult>> TestSavedAsync(
        RunnerLookup found,
        HttpRequest request,
        DryRunner runner,
        CancellationToken cancellationToken)
    {
        var stored = found.Runner;

        // A saved runner without placeholders needs no body at all.
        System.Text.Json.JsonDocument? document;
        if (request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null))
        {
            document = System.Text.Json.JsonDocument.Parse("{}");
        }
        else
        {
            (document, var problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
        }

        using (document)
        {
            var root = document!.RootElement;
            var errors = new FieldErrors();
            JsonBody.RejectUnknownFields(root, SavedFields, errors);
            var input = DryRunInput.Read(root, errors);
            var compiled = errors.Count == 0 ? runner.Prepare(stored.Config, input, "config.", errors) : null;
            if (compiled is null || errors.Count > 0)
            {
                return ApiProblems.Validation(errors.ToDictionary());
            }

            return TypedResults.Ok(await runner.RunAsync(compiled, input, stored.Id, cancellationToken).ConfigureAwait(false));
        }
    }
}
