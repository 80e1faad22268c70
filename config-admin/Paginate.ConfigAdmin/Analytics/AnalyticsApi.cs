using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Analytics;

/// <summary>Per-runner analytics and the home page overview, computed from call records (metadata only).</summary>
internal static class AnalyticsApi
{
    /// <summary>Records read per runner; the store keeps a capped list anyway.</summary>
    public const int MaxRecords = 10_000;

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/runners/{id}/analytics").WithTags("Analytics")
            .MapGet("/", GetAsync)
            .WithSummary("Aggregates of a runner's calls over a window (24h, 7d, 30d, all; default 7d)")
            .ProducesValidationProblem().ProducesProblem(404);
        api.MapGroup("/overview").WithTags("Analytics")
            .MapGet("/", OverviewAsync)
            .WithSummary("Totals for the home page: active runners, all calls, live (Clay) calls");
        return api;
    }

    private static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult>> GetAsync(
        string id,
        string? window,
        IRunnerStore runners,
        ICallRecordStore records,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var parsed = AnalyticsWindow.Parse(window);
        if (parsed is null)
        {
            return ApiProblems.Validation("window", $"must be one of {string.Join(", ", AnalyticsWindow.Names)}.");
        }

        var runner = await RunnersApi.FindAsync(runners, id, cancellationToken).ConfigureAwait(false);
        if (runner is null)
        {
            return ApiProblems.RunnerNotFound(id);
        }

        var now = time.GetUtcNow();
        var since = parsed.Length is { } length ? now - length : (DateTimeOffset?)null;
        var list = await records.ReadAsync(runner.Id, since, MaxRecords, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(AnalyticsCalculator.Compute(parsed, list, now));
    }

    private static async Task<Ok<Overview>> OverviewAsync(IRunnerStore runners, ICallRecordStore records, CancellationToken cancellationToken)
    {
        var ids = await runners.ListIdsAsync(cancellationToken).ConfigureAwait(false);
        long total = 0, clay = 0;
        foreach (var id in ids)
        {
            var list = await records.ReadAsync(id, null, MaxRecords, cancellationToken).ConfigureAwait(false);
            total += list.Count;
            clay += list.Count(r => r.Mode == "live");
        }

        return TypedResults.Ok(new Overview(ids.Count, total, clay));
    }
}
