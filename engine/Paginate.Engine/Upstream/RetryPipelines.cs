using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Polly;
using Polly.Retry;

namespace Paginate.Engine.Upstream;

/// <summary>
/// The per-page retry pipelines (Polly.Core), built once per distinct (max_retries, retry_delay_ms) and
/// shared by every run with those limits. Per-run facts (deadline, observer, counts) travel in the
/// <see cref="ResilienceContext"/> as a <see cref="RetryBudget"/>.
/// </summary>
/// <remarks>
/// Retried: 429, 502, 503, 504, network faults (<see cref="HttpRequestException"/>, <see cref="IOException"/>)
/// and a page that went over <c>page_timeout_ms</c> (a stalled connection is a network fault too; the
/// total timeout still bounds the whole). Not retried: other statuses, invalid JSON, missing items,
/// oversize pages, blocked addresses. Backoff is exponential with jitter from <c>retry_delay_ms</c>; an
/// upstream <c>Retry-After</c> (seconds or HTTP date) replaces it; one that outlasts the time left in the run
/// is not waited for: the page fails with the upstream's status.
/// </remarks>
internal sealed class RetryPipelines
{
    public static readonly ResiliencePropertyKey<RetryBudget> BudgetKey = new("paginate.retry-budget");

    /// <summary>
    /// The pipelines per clock. Hosts make a page loop per call, and each loop makes a <see cref="RetryPipelines"/>:
    /// holding the pipelines here, not in the instance, is what makes them built once per distinct limits. Keyed
    /// weakly, so a test's fake clock takes its pipelines with it when it goes.
    /// </summary>
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<(int MaxRetries, int DelayMs), ResiliencePipeline<PageAttempt>>> Shared = new();

    private readonly ConcurrentDictionary<(int MaxRetries, int DelayMs), ResiliencePipeline<PageAttempt>> _pipelines;
    private readonly TimeProvider _time;

    public RetryPipelines(TimeProvider time)
    {
        _time = time;
        _pipelines = Shared.GetValue(time, static _ => new());
    }

    public ResiliencePipeline<PageAttempt> Get(int maxRetries, int retryDelayMs) =>
        maxRetries <= 0 ? ResiliencePipeline<PageAttempt>.Empty : _pipelines.GetOrAdd((maxRetries, retryDelayMs), static (key, time) => Build(key, time), _time);

    private static ResiliencePipeline<PageAttempt> Build((int MaxRetries, int DelayMs) key, TimeProvider time) =>
        new ResiliencePipelineBuilder<PageAttempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<PageAttempt>
            {
                MaxRetryAttempts = key.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(key.DelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Result is { Retryable: true } attempt && !WaitOutlastsBudget(attempt, args.Context)),
                DelayGenerator = static args =>
                {
                    if (args.Outcome.Result?.RetryAfter is not { } retryAfter)
                    {
                        return ValueTask.FromResult<TimeSpan?>(null);
                    }

                    var left = args.Context.Properties.TryGetValue(BudgetKey, out var budget) ? budget.TimeLeft : retryAfter;
                    return ValueTask.FromResult<TimeSpan?>(retryAfter < left ? retryAfter : left);
                },
                OnRetry = static args =>
                {
                    if (args.Context.Properties.TryGetValue(BudgetKey, out var budget))
                    {
                        budget.RetryScheduled();
                    }

                    return default;
                },
            })
            .Build();

    /// <summary>
    /// An upstream that asks us to come back after the run's budget has ended cannot be retried in time:
    /// failing now with its own status is more useful than waiting out the budget to report a timeout.
    /// </summary>
    private static bool WaitOutlastsBudget(PageAttempt attempt, ResilienceContext context) =>
        attempt.RetryAfter is { } retryAfter
        && context.Properties.TryGetValue(BudgetKey, out var budget)
        && retryAfter >= budget.TimeLeft;
}
