namespace Paginate.Engine.Contracts;

/// <summary>The outcome of a run: the <c>meta</c> of the answer, plus what the host needs to report it.</summary>
public sealed record RunResult
{
    public int Pages { get; init; }
    public long Items { get; init; }

    /// <summary>One of <see cref="StopReasons"/>.</summary>
    public string StopReason { get; init; } = StopReasons.SinglePage;

    public long DurationMs { get; init; }
    public int Retries { get; init; }

    /// <summary>Status of the last upstream response received, if any.</summary>
    public int? UpstreamStatus { get; init; }

    /// <summary>True when a later page failed and the items are those gathered so far.</summary>
    public bool Partial { get; init; }

    /// <summary>Coarse error code (<see cref="ErrorCodes"/>) when something failed; null on success.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>
    /// A short, safe description of the failure for problem details: never a header value, placeholder
    /// value or query string; an upstream body excerpt is capped at 2 KiB.
    /// </summary>
    public string? ErrorDetail { get; init; }

    /// <summary>
    /// True when the first page failed: nothing was written to the sink, and the host answers with
    /// problem details (502, or 504 when <see cref="StopReason"/> is <c>timeout</c>).
    /// </summary>
    public bool FirstPageFailed { get; init; }

    /// <summary>
    /// (v2) Values of typed select fields that could not be converted (written as null); null when the runner has
    /// no typed field, and then <c>meta</c> has no <c>type_errors</c> (the v1 answer is unchanged).
    /// </summary>
    public long? TypeErrors { get; init; }

    /// <summary>
    /// (v2) Time the run's upstream requests waited for rate-budget tokens and back-off holds, summed. Null when the
    /// runner has no <c>rate_limit</c> and nothing waited: the answer then has no <c>rate_wait_ms</c> (as in v1).
    /// </summary>
    public long? RateWaitMs { get; init; }

    /// <summary>(v2) <c>miss</c>, <c>hit</c> or <c>shared</c> for a runner with an answer cache; null otherwise (no <c>meta.cache</c>).</summary>
    public string? Cache { get; init; }

    /// <summary>(v2) With <see cref="ErrorCodes.RateLimited"/>: how long until the budget has a token again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Per-page trace when <see cref="RunRequest.Trace"/> was set; otherwise null.</summary>
    public IReadOnlyList<PageTrace>? Trace { get; init; }
}
