using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.Runners;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Analytics;

/// <summary>
/// Per-runner analytics and the home page overview. Totals are the runner's lifetime counters (CONTRACT §3 v2)
/// unless a window (<c>since</c>, or <c>window</c> 24h/7d/30d) narrows them to the kept call records.
/// </summary>
internal static class AnalyticsApi
{
    /// <summary>Records read per runner; the store keeps a capped list anyway.</summary>
    public const int MaxRecords = RedisCallRecordStore.DefaultMaxPerRunner;

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/runners/{id}/analytics").WithTags("Analytics").RequireRunner()
            .MapGet("/", GetAsync)
            .WithSummary("A runner's call totals: lifetime by default; since=<RFC 3339> or window=24h|7d|30d narrows them to the kept records")
            .ProducesValidationProblem().ProducesProblem(404);
        api.MapGroup("/overview").WithTags("Analytics")
            .MapGet("/", OverviewAsync)
            .WithSummary("Totals for the home page: active runners, all calls, live (Clay) calls, from the lifetime counters");
        return api;
    }

    private static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult>> GetAsync(
        RunnerLookup found,
        string? window,
        string? since,
        ICallRecordStore records,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = AnalyticsWindow.Parse(window);
        if (parsed is null)
        {
            errors.Add("window", $"must be one of {string.Join(", ", AnalyticsWindow.Names)}.");
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                from = at;
            }
            else
            {
                errors.Add("since", "must be an RFC 3339 time, e.g. 2026-01-31T00:00:00Z.");
            }

            if (window is not null)
            {
                errors.Add("since", "give either since or window, not both.");
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var runner = found.Runner;

        var now = time.GetUtcNow();
        if (from is { } start)
        {
            var inWindow = await records.ReadAsync(runner.Id, start, MaxRecords, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(AnalyticsCalculator.Compute(AnalyticsWindow.Since(start, now), inWindow, now, start));
        }

        if (!parsed!.Lifetime)
        {
            var windowStart = now - parsed.Length!.Value;
            var inWindow = await records.ReadAsync(runner.Id, windowStart, MaxRecords, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(AnalyticsCalculator.Compute(parsed, inWindow, now, windowStart));
        }

        var totals = await records.ReadTotalsAsync(runner.Id, cancellationToken).ConfigureAwait(false);
        var kept = await records.ReadAsync(runner.Id, null, MaxRecords, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(AnalyticsCalculator.Compute(parsed, totals, kept, now));
    }

    private static async Task<Ok<Overview>> OverviewAsync(IRunnerStore runners, ICallRecordStore records, CancellationToken cancellationToken)
    {
        var ids = await runners.ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var totals = await records.ReadTotalsAsync(ids, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new Overview(ids.Count, totals.Sum(t => t.Calls), totals.Sum(t => t.LiveCalls)));
    }
}
