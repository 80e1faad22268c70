namespace Paginate.Engine.Contracts;

/// <summary>One page of a dry-run trace.</summary>
public sealed record PageTrace
{
    public int Page { get; init; }
    public int? Status { get; init; }
    public int Items { get; init; }
    public long DurationMs { get; init; }
    public int Retries { get; init; }

    /// <summary>Set on the page where the run stopped.</summary>
    public string? StopReason { get; init; }

    /// <summary>The page URL with every query value and placeholder value replaced by <c>***</c>.</summary>
    public string? Url { get; init; }

    /// <summary><c>@log</c> lines of a script runner, with forwarded header values masked.</summary>
    public IReadOnlyList<string>? Logs { get; init; }
}
