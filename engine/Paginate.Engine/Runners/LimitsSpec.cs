namespace Paginate.Engine.Runners;

/// <summary>Safety limits of a run. Every field has a default; ranges are checked by validation.</summary>
public sealed record LimitsSpec
{
    /// <summary>Safety cap on pages fetched, 1..1000 (default 50). Not the number of pages to fetch.</summary>
    public int MaxPages { get; init; } = RunnerDefaults.MaxPages;

    /// <summary>Stop after this many items, truncating the last page exactly. Null: no cap. 1..1,000,000.</summary>
    public int? MaxItems { get; init; }

    /// <summary>Stop at the first page with no items (default true).</summary>
    public bool StopOnEmptyPage { get; init; } = RunnerDefaults.StopOnEmptyPage;

    /// <summary>Stop when a next link/cursor/page/offset was already requested (default true).</summary>
    public bool StopOnRepeatedNext { get; init; } = RunnerDefaults.StopOnRepeatedNext;

    /// <summary>Pause between pages, 0..60,000 ms (default 0).</summary>
    public int PageDelayMs { get; init; } = RunnerDefaults.PageDelayMs;

    /// <summary>Retries per page for 429/502/503/504 and network faults, 0..10 (default 3).</summary>
    public int MaxRetries { get; init; } = RunnerDefaults.MaxRetries;

    /// <summary>Base retry delay, exponential with jitter, 0..60,000 ms (default 1000).</summary>
    public int RetryDelayMs { get; init; } = RunnerDefaults.RetryDelayMs;

    /// <summary>Timeout of one page request including reading its body, 100..300,000 ms (default 30,000).</summary>
    public int PageTimeoutMs { get; init; } = RunnerDefaults.PageTimeoutMs;

    /// <summary>Timeout of the whole run, 100..900,000 ms (default 120,000).</summary>
    public int TotalTimeoutMs { get; init; } = RunnerDefaults.TotalTimeoutMs;

    /// <summary>Pages fetched at once when page 1 reveals the total (page_number/offset), 1..16 (default 1).</summary>
    public int MaxConcurrency { get; init; } = RunnerDefaults.MaxConcurrency;

    /// <summary>Stop when a page body is byte-identical to an earlier page of the call (default true, contract v2).</summary>
    public bool StopOnRepeatedPage { get; init; } = RunnerDefaults.StopOnRepeatedPage;

    /// <summary>The fleet-wide rate budget (contract v2). Null (the default): no budget.</summary>
    public RateLimitSpec? RateLimit { get; init; }
}
