using Paginate.Engine.Contracts;

namespace Paginate.Engine.Strategies;

/// <summary>
/// A strategy's answer after a page: the next request and its state, a stop reason, or a failure (e.g. a
/// script's run-time error). Optional extras let a scripted style log lines and slow down.
/// </summary>
internal readonly record struct PageDecision
{
    /// <summary>The next request; null when the run stops.</summary>
    public PageRequest? Next { get; init; }

    /// <summary>The state that goes with <see cref="Next"/>.</summary>
    public PagingState State { get; init; }

    /// <summary>One of <see cref="StopReasons"/> when the run stops normally.</summary>
    public string? StopReason { get; init; }

    /// <summary>Set when the strategy itself failed (one of <see cref="ErrorCodes"/>, e.g. <c>script_error</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Safe description of the failure (line and column for a script). Secrets are masked again by the loop.</summary>
    public string? ErrorDetail { get; init; }

    /// <summary>Lines for the page's trace (<c>@log</c>); forwarded header and placeholder values are masked by the loop.</summary>
    public IReadOnlyList<string>? Logs { get; init; }

    /// <summary>Wait at least this long before the next request (e.g. <c>request.ratelimit.set</c>); adds to nothing, the longer of this and <c>page_delay_ms</c> wins.</summary>
    public TimeSpan? Delay { get; init; }

    public static PageDecision Continue(PageRequest next, PagingState state) => new() { Next = next, State = state };

    public static PageDecision Stop(string reason) => new() { StopReason = reason, State = PagingState.Initial };

    public static PageDecision Fail(string errorCode, string detail) => new() { ErrorCode = errorCode, ErrorDetail = detail, State = PagingState.Initial };
}
