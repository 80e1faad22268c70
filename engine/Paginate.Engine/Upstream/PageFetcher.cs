using Paginate.Engine.Budgets;
using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Polly;

namespace Paginate.Engine.Upstream;

/// <summary>Fetches one page of a run through the retry pipeline. One per run; safe for concurrent pages.</summary>
internal sealed class PageFetcher
{
    private readonly UpstreamClient _client;
    private readonly ResiliencePipeline<PageAttempt> _pipeline;
    private readonly RunRequest _run;
    private readonly JsonPath _itemsPath;
    private readonly bool _wholeDocument;
    private readonly TimeSpan _pageTimeout;
    private readonly TimeProvider _time;
    private readonly long _deadline;
    private readonly RunCounters _counters;

    private readonly RunBudget? _budget;

    public PageFetcher(UpstreamClient client, ResiliencePipeline<PageAttempt> pipeline, RunRequest run, JsonPath itemsPath, bool wholeDocument, TimeSpan pageTimeout, TimeProvider time, long deadline, RunCounters counters, RunBudget? budget = null)
    {
        _budget = budget;
        _wholeDocument = wholeDocument;
        _client = client;
        _pipeline = pipeline;
        _run = run;
        _itemsPath = itemsPath;
        _pageTimeout = pageTimeout;
        _time = time;
        _deadline = deadline;
        _counters = counters;
    }

    /// <summary>The page, after retries. Throws only <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.</summary>
    public async Task<PageAttempt> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var budget = new RetryBudget(_time, _deadline, _run.Observer, _counters);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipelines.BudgetKey, budget);
        try
        {
            var attempt = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.This._budget is null
                    ? new ValueTask<PageAttempt>(state.This._client.SendOnceAsync(state.Request, state.This._run, state.This._itemsPath, state.This._wholeDocument, state.This._pageTimeout, ctx.CancellationToken))
                    : state.This.SendWithinBudgetAsync(state.Request, state.This._budget, ctx.CancellationToken),
                context,
                (This: this, Request: request)).ConfigureAwait(false);
            attempt.Retries = budget.Retries;
            attempt.Duration = _time.GetElapsedTime(started);
            return attempt;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Every attempt, retries included, takes a token first; a 429 or 503 with <c>Retry-After</c> holds every
    /// call of the scope on every gateway. A token that cannot come in time is a failure Polly does not retry.
    /// </summary>
    private async ValueTask<PageAttempt> SendWithinBudgetAsync(PageRequest request, RunBudget budget, CancellationToken cancellationToken)
    {
        if (await budget.PassAsync(cancellationToken).ConfigureAwait(false) is { } retryAfter)
        {
            return PageAttempt.Failure(null, ErrorCodes.RateLimited, "The runner's rate budget has no token before total_timeout_ms.", retryable: false, retryAfter);
        }

        var attempt = await _client.SendOnceAsync(request, _run, _itemsPath, _wholeDocument, _pageTimeout, cancellationToken).ConfigureAwait(false);
        if (attempt is { Status: 429 or 503, RetryAfter: { } hold } && hold > TimeSpan.Zero)
        {
            await budget.HoldAsync(hold, cancellationToken).ConfigureAwait(false);
        }

        return attempt;
    }
}
