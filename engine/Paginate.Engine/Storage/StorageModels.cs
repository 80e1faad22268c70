using Paginate.Engine.Runners;

namespace Paginate.Engine.Storage;

/// <summary>A published runner: immutable once stored.</summary>
public sealed record StoredRunner
{
    public required string Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required RunnerDefinition Config { get; init; }
}

/// <summary>A line of the runner list.</summary>
public sealed record RunnerSummary(string Id, string? Name, DateTimeOffset CreatedAt);

/// <summary>
/// The current token of a runner: only the SHA-256 hash (lower-case hex) of the token is stored,
/// and the recipient is stored masked (<c>o***@clay.com</c>).
/// </summary>
public sealed record TokenRecord
{
    public required string Hash { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required int Rotations { get; init; }
    public required string Recipient { get; init; }
}

/// <summary>
/// Metadata of one call (CONTRACT §3): never headers, credential values, query values, bodies,
/// upstream URLs, rows or traces.
/// </summary>
public sealed record CallRecord
{
    public required DateTimeOffset At { get; init; }
    /// <summary><c>live</c> or <c>test</c>.</summary>
    public required string Mode { get; init; }
    /// <summary><c>success</c> or <c>error</c>.</summary>
    public required string Outcome { get; init; }
    public int Pages { get; init; }
    public long Items { get; init; }
    public long DurationMs { get; init; }
    public int? UpstreamStatus { get; init; }
    public string? StopReason { get; init; }
    public int Retries { get; init; }
    public string? ErrorCode { get; init; }
}

/// <summary>An admin's usage note.</summary>
public sealed record UsageNote(string Note, DateTimeOffset CreatedAt);
