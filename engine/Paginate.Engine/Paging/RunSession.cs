using Paginate.Engine.Contracts;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Paging;

/// <summary>
/// The bookkeeping of one run: pages and items so far, last status, retries, the optional trace, and the
/// <see cref="RunResult"/> it ends with. Used by one logical flow at a time (pages are handled in order
/// even when fetched concurrently).
/// </summary>
internal sealed class RunSession
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly List<PageTrace>? _trace;
    private readonly IReadOnlyList<string> _secrets;
    private readonly RunRequest _request;

    private readonly bool _countTypeErrors;

    /// <param name="countTypeErrors">True when the runner has typed select fields: the result then reports <c>type_errors</c>.</param>
    public RunSession(RunRequest request, TimeProvider time, bool countTypeErrors = false)
    {
        _countTypeErrors = countTypeErrors;
        _time = time;
        _request = request;
        _started = time.GetTimestamp();
        _trace = request.Trace ? [] : null;
        _secrets = request.Trace ? SecretMask.Secrets(request).ToList() : [];
    }

    public RunCounters Counters { get; } = new();

    /// <summary>Pages received and written.</summary>
    public int Pages { get; private set; }

    /// <summary>Items written to the sink.</summary>
    public long Items { get; private set; }

    public int? LastStatus { get; private set; }

    /// <summary>Values of typed select fields that could not be converted, in the items written.</summary>
    public long TypeErrors { get; private set; }

    public void PageWritten(PageRequest request, PageAttempt attempt, int itemsWritten, int typeErrors = 0)
    {
        Pages++;
        Items += itemsWritten;
        TypeErrors += typeErrors;
        LastStatus = attempt.Status;
        AddTrace(request, attempt, itemsWritten);
    }

    /// <summary>The run ended normally (a stop rule).</summary>
    public RunResult Stopped(string stopReason)
    {
        MarkLastTrace(stopReason);
        return Result(stopReason);
    }

    /// <summary>A page failed after its retries: a first-page failure, or a partial result.</summary>
    public RunResult Failed(PageRequest request, PageAttempt attempt)
    {
        LastStatus = attempt.Status ?? LastStatus;
        var stop = attempt.ErrorCode switch
        {
            ErrorCodes.Timeout => StopReasons.Timeout,
            ErrorCodes.RateLimited => StopReasons.RateLimited,
            _ => StopReasons.UpstreamError,
        };
        AddTrace(request, attempt, 0);
        MarkLastTrace(stop);
        return Result(stop) with
        {
            UpstreamStatus = attempt.Status ?? LastStatus,
            ErrorCode = attempt.ErrorCode,
            ErrorDetail = attempt.Detail,
            FirstPageFailed = Pages == 0,
            Partial = Pages > 0,
            RetryAfter = attempt.ErrorCode == ErrorCodes.RateLimited ? attempt.RetryAfter : null,
        };
    }

    /// <summary>The strategy failed after a page was written (e.g. a script error): the items so far, partial.</summary>
    public RunResult StrategyFailed(string errorCode, string? detail)
    {
        MarkLastTrace(StopReasons.UpstreamError);
        return Result(StopReasons.UpstreamError) with
        {
            ErrorCode = errorCode,
            ErrorDetail = detail is null ? null : SecretMask.Apply(detail, _request),
            Partial = true,
        };
    }

    /// <summary>Adds a strategy's log lines to the current page's trace, secrets masked.</summary>
    public void AddLogs(IReadOnlyList<string>? logs)
    {
        if (logs is not { Count: > 0 } || _trace is not { Count: > 0 })
        {
            return;
        }

        // A trace exists only when asked for, and then _secrets holds every secret of the run.
        var masked = logs.Select(line => SecretMask.Apply(line, _secrets)).ToList();
        _trace[^1] = _trace[^1] with { Logs = [.. _trace[^1].Logs ?? [], .. masked] };
    }

    /// <summary>The run was cut short: the caller went away (<c>client_cancelled</c>) or the total budget ran out (<c>timeout</c>).</summary>
    public RunResult Interrupted(string stopReason)
    {
        MarkLastTrace(stopReason);
        var timeout = stopReason == StopReasons.Timeout;
        return Result(stopReason) with
        {
            ErrorCode = timeout ? ErrorCodes.Timeout : null,
            ErrorDetail = timeout ? "The run did not complete within total_timeout_ms." : null,
            FirstPageFailed = Pages == 0,
            Partial = Pages > 0,
        };
    }

    private RunResult Result(string stopReason) => new()
    {
        Pages = Pages,
        Items = Items,
        StopReason = stopReason,
        DurationMs = (long)_time.GetElapsedTime(_started).TotalMilliseconds,
        Retries = Counters.Retries,
        UpstreamStatus = LastStatus,
        TypeErrors = _countTypeErrors ? TypeErrors : null,
        Trace = _trace,
    };

    private void AddTrace(PageRequest request, PageAttempt attempt, int items) =>
        _trace?.Add(new PageTrace
        {
            Page = _trace.Count + 1,
            Status = attempt.Status,
            Items = items,
            DurationMs = (long)attempt.Duration.TotalMilliseconds,
            Retries = attempt.Retries,
            Url = TraceUrl.Mask(request.Uri, _secrets),
        });

    private void MarkLastTrace(string stopReason)
    {
        if (_trace is { Count: > 0 })
        {
            _trace[^1] = _trace[^1] with { StopReason = stopReason };
        }
    }
}
