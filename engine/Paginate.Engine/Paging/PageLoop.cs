using System.Text.Json;
using Paginate.Engine.Budgets;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Engine.Runners;
using Paginate.Engine.Shaping;
using Paginate.Engine.Strategies;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Paging;

/// <summary>Runs a compiled runner: fetches every page, applies the stop rules, shapes and writes items.</summary>
/// <remarks>
/// Every upstream problem ends as a <see cref="RunResult"/>, never an exception: a failed first page is
/// <see cref="RunResult.FirstPageFailed"/>, a failed later page a partial result. The caller's token
/// stops the run at once (<c>client_cancelled</c>); the total timeout keeps what was gathered
/// (<c>timeout</c>). Memory is bounded by one page, or <c>max_concurrency</c> pages when pages are
/// fetched concurrently.
/// </remarks>
public sealed class PageLoop
{
    private readonly HttpMessageInvoker _invoker;
    private readonly PageLoopOptions _options;
    private readonly UpstreamClient _client;
    private readonly RetryPipelines _pipelines;

    /// <param name="invoker">The upstream client (the gateway hands in its guarded handler).</param>
    /// <param name="options">Clock, caps and observer; defaults when null.</param>
    public PageLoop(HttpMessageInvoker invoker, PageLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _options = options ?? new PageLoopOptions();
        _client = new UpstreamClient(_invoker, _options.Time, _options.MaxPageBytes, _options.PageBuffers);
        _pipelines = new RetryPipelines(_options.Time);
    }

    public async Task<RunResult> RunAsync(CompiledRunner runner, RunRequest request, IResultSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);

        var limits = runner.Definition.Limits;
        var time = _options.Time;
        var session = new RunSession(request, time, runner.Shaper.CountsTypeErrors);
        var total = TimeSpan.FromMilliseconds(limits.TotalTimeoutMs);
        using var totalCts = new CancellationTokenSource(total, time);
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, totalCts.Token);
        var deadline = time.GetTimestamp() + (long)(total.TotalSeconds * time.TimestampFrequency);
        var budget = _options.Budget is { } shared && request.RunnerId is { } runnerId
            ? new RunBudget(shared, shared.Scope(runnerId, limits.RateLimit, request.ForwardedHeaders), time, deadline)
            : null;
        var fetcher = new PageFetcher(
            _client, _pipelines.Get(limits.MaxRetries, limits.RetryDelayMs), request, runner.ItemsPath, ReadsWholePage(runner),
            TimeSpan.FromMilliseconds(limits.PageTimeoutMs), time, deadline, session.Counters, budget);
        var run = new Run(runner, request, sink, fetcher, session, time, runCts.Token);
        RunResult result;
        try
        {
            result = await run.ExecuteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (runCts.IsCancellationRequested)
        {
            result = session.Interrupted(cancellationToken.IsCancellationRequested ? StopReasons.ClientCancelled : StopReasons.Timeout);
        }

        return WithRateWait(result, budget);
    }

    // A v1 answer stays byte-for-byte the same: rate_wait_ms appears only with a budget or after a real wait.
    private static RunResult WithRateWait(RunResult result, RunBudget? budget) =>
        budget is not null && (budget.HasRate || budget.Waited > TimeSpan.Zero)
            ? result with { RateWaitMs = (long)budget.Waited.TotalMilliseconds }
            : result;

    /// <summary>
    /// Pages are scanned (no document) unless the runner needs items as elements (a shape that reads fields) or reads
    /// the body with any path (a script): then one document per page costs less than a scan and a document.
    /// </summary>
    private static bool ReadsWholePage(CompiledRunner runner) => runner.Shaper != FullShaper.Instance || runner.Strategy is ScriptStrategy;

    /// <summary>The flow of one run; the loop itself holds nothing per run.</summary>
    private sealed class Run
    {
        private readonly CompiledRunner _runner;
        private readonly RunRequest _request;
        private readonly IResultSink _sink;
        private readonly PageFetcher _fetcher;
        private readonly RunSession _session;
        private readonly CancellationToken _token;
        private readonly TimeProvider _time;
        private readonly LimitsSpec _limits;
        private readonly int _maxPages;
        private readonly long _maxItems;
        private readonly HashSet<UInt128> _requested = [];
        private readonly PageFingerprints _fingerprints = new();

        // The fingerprint of the last next request NextStop let through, so a fetch ahead can compare without hashing it again.
        private UInt128 _lastNext;

        public Run(CompiledRunner runner, RunRequest request, IResultSink sink, PageFetcher fetcher, RunSession session, TimeProvider time, CancellationToken token)
        {
            _time = time;
            _runner = runner;
            _request = request;
            _sink = sink;
            _fetcher = fetcher;
            _session = session;
            _token = token;
            _limits = runner.Definition.Limits;
            _maxPages = Math.Max(1, Math.Min(_limits.MaxPages, request.MaxPages ?? int.MaxValue));
            _maxItems = _limits.MaxItems ?? long.MaxValue;
        }

        private IPagingStrategy Strategy => _runner.Strategy;

        public async Task<RunResult> ExecuteAsync()
        {
            var start = Strategy.Start(FirstRequest());
            var current = start.Next!;
            var state = start.State;
            _requested.Add(RequestFingerprint.Of(current));

            while (true)
            {
                PageRequest next;
                PagingState nextState;
                RangePlan? range = null;
                var ahead = false;
                TimeSpan? nextDelay;
                using (var attempt = await FetchAsync(current, state).ConfigureAwait(false))
                {
                    var (end, decision, context) = await TakePageAsync(current, attempt, state).ConfigureAwait(false);
                    if (end is not null)
                    {
                        return end;
                    }

                    // Page 1 may reveal the total: then the rest can be fetched concurrently (page 1 released first).
                    if (_session.Pages == 1 && _limits.MaxConcurrency > 1 && _limits.PageDelayMs == 0)
                    {
                        range = Strategy.PlanRemaining(context, _maxPages - 1);
                        ahead = range is null && Strategy.CanFetchAhead(context);
                    }

                    next = decision.Next!;
                    nextState = decision.State;
                    nextDelay = decision.Delay;
                }

                if (range is { Requests.Count: > 0 })
                {
                    return await FetchConcurrentlyAsync(range).ConfigureAwait(false);
                }

                if (ahead && nextDelay is null)
                {
                    return await FetchAheadAsync(next, nextState).ConfigureAwait(false);
                }

                var delay = TimeSpan.FromMilliseconds(_limits.PageDelayMs);
                if (nextDelay is { } asked && asked > delay)
                {
                    delay = asked;
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, _token).ConfigureAwait(false);
                }

                current = next;
                state = nextState;
            }
        }

        /// <summary>
        /// One page through the fetcher; a failure the strategy calls throttled (a script's rate-limit allowlist,
        /// e.g. 403) is asked for again after the wait it names, as often as it allows. Each counts as a retry.
        /// </summary>
        private async Task<PageAttempt> FetchAsync(PageRequest request, PagingState state)
        {
            for (int retried = 0; ; retried++)
            {
                var attempt = await _fetcher.FetchAsync(request, _token).ConfigureAwait(false);
                if (attempt.Succeeded || Strategy.RetryThrottled(state, attempt.Status, attempt.RetryAfter, retried) is not { } wait)
                {
                    attempt.Retries += retried;
                    return attempt;
                }

                attempt.Dispose();
                _session.Counters.AddRetry();
                await Task.Delay(wait, _time, _token).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The remaining pages of a range whose total page 1 revealed: up to <c>max_concurrency</c> requests in
        /// flight, items written strictly in page order, so at most that many pages are buffered.
        /// </summary>
        private async Task<RunResult> FetchConcurrentlyAsync(RangePlan range)
        {
            using var windowCts = CancellationTokenSource.CreateLinkedTokenSource(_token);
            var window = new Queue<(PageRequest Request, Task<PageAttempt> Task)>();
            var nextIndex = 0;
            try
            {
                while (true)
                {
                    while (window.Count < _limits.MaxConcurrency && nextIndex < range.Requests.Count)
                    {
                        var request = range.Requests[nextIndex++];
                        _requested.Add(RequestFingerprint.Of(request));
                        window.Enqueue((request, _fetcher.FetchAsync(request, windowCts.Token)));
                    }

                    if (window.Count == 0)
                    {
                        return _session.Stopped(range.Capped ? StopReasons.MaxPages : StopReasons.TotalReached);
                    }

                    var (current, task) = window.Dequeue();
                    using var attempt = await task.ConfigureAwait(false);
                    if (!attempt.Succeeded)
                    {
                        return _session.Failed(current, attempt);
                    }

                    if (RepeatedPage(attempt.Page!))
                    {
                        return _session.Stopped(StopReasons.RepeatedPage);
                    }

                    var written = await WritePageAsync(current, attempt).ConfigureAwait(false);
                    var stop = PageStop(attempt.Page!, written);
                    if (stop is null && _session.Items >= _maxItems && (window.Count > 0 || nextIndex < range.Requests.Count || range.Capped))
                    {
                        stop = StopReasons.MaxItems;
                    }

                    if (stop is not null)
                    {
                        return _session.Stopped(stop);
                    }
                }
            }
            finally
            {
                await windowCts.CancelAsync().ConfigureAwait(false);
                foreach (var (_, task) in window)
                {
                    try
                    {
                        (await task.ConfigureAwait(false)).Dispose();
                    }
                    catch (OperationCanceledException)
                    {
                        // Cancelled on purpose: the run stopped before this page was needed.
                    }
                }
            }
        }

        /// <summary>
        /// One page received in order, on the sequential and the ahead path alike: a failure, a repeated body, the
        /// page's own stops, then the strategy's decision and the stops on its next request. A non-null result
        /// ends the run; otherwise the decision says what comes next.
        /// </summary>
        private async Task<(RunResult? End, PageDecision Decision, PageContext Context)> TakePageAsync(PageRequest request, PageAttempt attempt, PagingState state)
        {
            if (!attempt.Succeeded)
            {
                return (_session.Failed(request, attempt), default, default!);
            }

            var page = attempt.Page!;
            if (RepeatedPage(page))
            {
                return (_session.Stopped(StopReasons.RepeatedPage), default, default!);
            }

            var written = await WritePageAsync(request, attempt).ConfigureAwait(false);
            var context = new PageContext(request, page, state, _session.Pages, _session.Items);
            if (PageStop(page, written) is { } pageStop)
            {
                return (_session.Stopped(pageStop), default, context);
            }

            var decision = Strategy.Next(context);
            _session.AddLogs(decision.Logs);
            if (decision.ErrorCode is not null)
            {
                return (_session.StrategyFailed(decision.ErrorCode, decision.ErrorDetail), decision, context);
            }

            var stop = decision.StopReason ?? NextStop(decision.Next!);
            return (stop is null ? null : _session.Stopped(stop), decision, context);
        }

        /// <summary>A body byte-identical to an earlier page's: the upstream ignored the page parameter or looped back.</summary>
        private bool RepeatedPage(PageResponse page) => _limits.StopOnRepeatedPage && !_fingerprints.AddIsNew(page.RawBody);

        /// <summary>
        /// The total is unknown (CONTRACT §1, <c>max_concurrency</c>): up to that many pages are requested ahead,
        /// each guessed as if the page before came back full. Pages are still read strictly in order through the
        /// strategy; the first that ends the run ends it and the answers still in flight are discarded unread, so at
        /// most <c>max_concurrency - 1</c> requests go past the end. A guess that is not the strategy's own next
        /// request (a short page that does not end the run, an API that reports another position) drops the guesses:
        /// the rest of the run is sequential, so a wrong guess costs at most one window.
        /// </summary>
        private async Task<RunResult> FetchAheadAsync(PageRequest next, PagingState state)
        {
            var window = new Queue<AheadSlot>();
            var guessing = true;
            var last = new AheadSlot(_fetcher, next, state, _token);
            window.Enqueue(last);
            try
            {
                while (true)
                {
                    // The window holds pages _session.Pages + 1 .. + window.Count; never one past max_pages.
                    while (guessing && window.Count < _limits.MaxConcurrency && _session.Pages + window.Count < _maxPages)
                    {
                        var guess = Strategy.Ahead(last.Request, last.State);
                        last = new AheadSlot(_fetcher, guess.Next!, guess.State, _token);
                        window.Enqueue(last);
                    }

                    using var slot = window.Dequeue();
                    PageDecision decision;
                    using (var attempt = await slot.Task.ConfigureAwait(false))
                    {
                        (var end, decision, _) = await TakePageAsync(slot.Request, attempt, slot.State).ConfigureAwait(false);
                        if (end is not null)
                        {
                            return end;
                        }
                    }

                    // The page did not end the run, so NextStop let decision.Next through and kept its fingerprint.
                    if (window.TryPeek(out var head) && head.Fingerprint == _lastNext)
                    {
                        head.State = decision.State;
                        continue;
                    }

                    guessing = false;
                    await DiscardAsync(window).ConfigureAwait(false);
                    last = new AheadSlot(_fetcher, decision.Next!, decision.State, _token);
                    window.Enqueue(last);
                }
            }
            finally
            {
                await DiscardAsync(window).ConfigureAwait(false);
            }
        }

        private static async Task DiscardAsync(Queue<AheadSlot> window)
        {
            while (window.TryDequeue(out var slot))
            {
                using (slot)
                {
                    await slot.DiscardAsync().ConfigureAwait(false);
                }
            }
        }

        /// <summary>Stop rules decided by the page alone: max_items truncation, an empty page.</summary>
        private string? PageStop(PageResponse page, int written)
        {
            if (written < page.ItemCount)
            {
                return StopReasons.MaxItems;
            }

            return page.ItemCount == 0 && _limits.StopOnEmptyPage ? StopReasons.EmptyPage : null;
        }

        /// <summary>Stop rules on the next request the strategy prepared.</summary>
        private string? NextStop(PageRequest next)
        {
            if (_session.Items >= _maxItems)
            {
                return StopReasons.MaxItems;
            }

            if (!Origins.Same(next.Uri, _runner.Origin))
            {
                return StopReasons.CrossOriginNext;
            }

            _lastNext = RequestFingerprint.Of(next);
            if (!_requested.Add(_lastNext) && _limits.StopOnRepeatedNext)
            {
                return StopReasons.RepeatedNext;
            }

            return _session.Pages >= _maxPages ? StopReasons.MaxPages : null;
        }

        private async Task<int> WritePageAsync(PageRequest request, PageAttempt attempt)
        {
            if (_session.Pages == 0)
            {
                await _sink.StartAsync(_token).ConfigureAwait(false);
            }

            var written = WriteItems(attempt.Page!, _runner.Shaper, _sink.Writer, _maxItems - _session.Items, out var typeErrors);
            _session.PageWritten(request, attempt, written, typeErrors);
            await _sink.PageCompletedAsync(_token).ConfigureAwait(false);
            return written;
        }

        private static int WriteItems(PageResponse page, IItemShaper shaper, Utf8JsonWriter writer, long remaining, out int typeErrors)
        {
            var take = (int)Math.Min(page.ItemCount, Math.Max(0, remaining));
            typeErrors = 0;
            if (shaper == FullShaper.Instance)
            {
                // The common case needs no document at all: each item's bytes, as the scan found them.
                for (var i = 0; i < take; i++)
                {
                    FullShaper.WriteRaw(writer, page.Item(i));
                }

                return take;
            }

            // Shapes that read fields get the items array as one document (cheaper than one per item), still
            // never the page's: its other members are not parsed.
            var written = 0;
            foreach (var item in page.Items.EnumerateArray())
            {
                if (written == take)
                {
                    break;
                }

                typeErrors += shaper.Write(writer, item);
                written++;
            }

            return written;
        }

        private PageRequest FirstRequest()
        {
            var spec = _runner.Definition.Request;
            var method = string.Equals(spec.Method, "POST", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;
            var url = Placeholders.ExpandUrl(spec.Url ?? string.Empty, _request.Values);
            byte[]? body = null;
            if (method == HttpMethod.Post && spec.Body is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } template)
            {
                body = Placeholders.ExpandBody(template, _request.Values);
            }

            return new PageRequest
            {
                Method = method,
                Uri = new Uri(url, UriKind.Absolute),
                Headers = spec.StaticHeaders.ToList(),
                Body = body,
            };
        }
    }
}
