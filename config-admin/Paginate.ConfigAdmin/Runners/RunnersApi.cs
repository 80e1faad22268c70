using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Hosting;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Problems;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>Create, list and read runners. Saved runners are immutable: no update or delete.</summary>
internal static class RunnersApi
{
    public const string ImmutableDetail = "Saved runners are immutable. Create a new runner for changes.";

    public static IEndpointRouteBuilder MapRunners(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/runners").WithTags("Runners");
        group.MapPost("/", CreateAsync)
            .Accepts<RunnerDefinition>("application/json")
            .WithSummary("Validate, compile and publish a new runner")
            .ProducesValidationProblem().ProducesProblem(415);
        group.MapPost("/validate", ValidateAsync)
            .Accepts<RunnerDefinition>("application/json")
            .WithSummary("Compile a draft without saving or running it (all errors per field)")
            .ProducesValidationProblem().ProducesProblem(415);
        group.MapGet("/", ListAsync).WithSummary("All runners, newest first");
        group.MapGet("/{id}", Get).RequireRunner().WithSummary("One runner as on create").ProducesProblem(404);
        group.MapMethods("/{id}", [HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], Immutable)
            .WithSummary("Always 405: saved runners are immutable").ProducesProblem(405);
        return api;
    }

    private static async Task<Results<Created<RunnerResource>, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        RunnerCompilation compilation,
        RunnerPublisher publisher,
        PublicUrls urls,
        CancellationToken cancellationToken)
    {
        var (compiled, problem) = await ReadDefinitionAsync(request, compilation, cancellationToken).ConfigureAwait(false);
        if (compiled is null)
        {
            return problem!;
        }

        var stored = await publisher.PublishAsync(compiled.Definition, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/runners/{stored.Id}", ToResource(stored, request, urls));
    }

    private static async Task<Results<Ok<ValidatedDefinition>, ProblemHttpResult>> ValidateAsync(
        HttpRequest request,
        RunnerCompilation compilation,
        CancellationToken cancellationToken)
    {
        var (compiled, problem) = await ReadDefinitionAsync(request, compilation, cancellationToken).ConfigureAwait(false);
        return compiled is null
            ? problem!
            : TypedResults.Ok(new ValidatedDefinition(true, compiled.Definition, compiled.Placeholders));
    }

    /// <summary>Reads and compiles the definition in the body: the runner, or a problem with every error by field.</summary>
    private static async Task<(CompiledRunner? Runner, ProblemHttpResult? Problem)> ReadDefinitionAsync(
        HttpRequest request,
        RunnerCompilation compilation,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        using (document)
        {
            var errors = new FieldErrors();
            var definition = DefinitionReader.Read(document!.RootElement, "", errors);
            var compiled = definition is null ? null : compilation.Compile(definition, "", errors);
            return compiled is null
                ? (null, ApiProblems.Validation(errors.ToDictionary(), "The runner definition is invalid; see errors."))
                : (compiled, null);
        }
    }

    private static async Task<Ok<RunnerList>> ListAsync(HttpRequest request, IRunnerStore store, PublicUrls urls, CancellationToken cancellationToken)
    {
        var runners = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RunnerList(
            [.. runners.Select(r => new RunnerListItem(r.Id, r.Name, r.CreatedAt, urls.RunnerUrl(request, r.Id)))]));
    }

    private static Ok<RunnerResource> Get(RunnerLookup found, HttpRequest request, PublicUrls urls) =>
        TypedResults.Ok(ToResource(found.Runner, request, urls));

    private static ProblemHttpResult Immutable(HttpResponse response)
    {
        response.Headers.Allow = "GET";
        return ApiProblems.Status(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed", ImmutableDetail, ProblemTypes.MethodNotAllowed);
    }

    /// <summary>The runner, or null when the id is unknown or not even well-formed.</summary>
    public static async Task<StoredRunner?> FindAsync(IRunnerStore store, string id, CancellationToken cancellationToken) =>
        RunnerIds.IsWellFormed(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;

    private static RunnerResource ToResource(StoredRunner stored, HttpRequest request, PublicUrls urls) => new(
        stored.Id,
        stored.CreatedAt,
        urls.RunnerUrl(request, stored.Id),
        urls.ManagementUrl(request, stored.Id),
        urls.AnalyticsUrl(request, stored.Id),
        stored.Config);
}
