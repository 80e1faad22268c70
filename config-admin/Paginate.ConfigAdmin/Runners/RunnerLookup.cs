using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>
/// The saved runner named by the route's <c>{id}</c>, for every <c>/runners/{id}/...</c> endpoint: loaded once per
/// request when the handler's parameter is bound, and turned into the 404 problem by <see cref="RunnerLookupFilter.RequireRunner"/>
/// before the handler runs, so no handler repeats the lookup or the not-found answer.
/// </summary>
internal sealed class RunnerLookup
{
    private readonly StoredRunner? _runner;

    private RunnerLookup(string id, StoredRunner? runner)
    {
        Id = id;
        _runner = runner;
    }

    /// <summary>The id as it came in the route.</summary>
    public string Id { get; }

    public bool Found => _runner is not null;

    /// <summary>The runner; only endpoints behind <see cref="RunnerLookupFilter.RequireRunner"/> read it, and those only see found runners.</summary>
    public StoredRunner Runner => _runner ?? throw new InvalidOperationException($"The endpoint of runner '{Id}' has no RequireRunner filter.");

    /// <summary>Minimal API binding: the route's <c>id</c>, looked up in the runner store.</summary>
    public static async ValueTask<RunnerLookup> BindAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var store = context.RequestServices.GetRequiredService<IRunnerStore>();
        return new RunnerLookup(id, await RunnersApi.FindAsync(store, id, context.RequestAborted).ConfigureAwait(false));
    }
}
