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

/// <summary>An admin's usage note.</summary>
public sealed record UsageNote(string Note, DateTimeOffset CreatedAt);
