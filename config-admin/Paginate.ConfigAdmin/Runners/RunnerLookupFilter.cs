using Paginate.ConfigAdmin.Problems;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>The one place a <c>/runners/{id}/...</c> endpoint answers 404 for an unknown runner.</summary>
internal static class RunnerLookupFilter
{
    /// <summary>
    /// Answers 404 (problem details) for an unknown or malformed runner id before the handler runs. Handlers take a
    /// <see cref="RunnerLookup"/> parameter to read the runner; one without it still gets the check.
    /// </summary>
    public static TBuilder RequireRunner<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var lookup = context.Arguments.OfType<RunnerLookup>().FirstOrDefault()
                ?? await RunnerLookup.BindAsync(context.HttpContext).ConfigureAwait(false);
            return lookup.Found ? await next(context).ConfigureAwait(false) : ApiProblems.RunnerNotFound(lookup.Id);
        });
}
