namespace Paginate.Engine.Runners;

/// <summary>
/// A rate budget shared by every call of the runner on every gateway (CONTRACT §6.1): each upstream request,
/// retries and speculative pages included, takes one token.
/// </summary>
public sealed record RateLimitSpec
{
    /// <summary>Sustained rate, 0.01..10,000 requests per second. Required.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Requests that may go at once after a quiet spell, 1..10,000. Null: <c>max(1, ceil(requests_per_second))</c>.</summary>
    public int? Burst { get; init; }

    /// <summary>One of <see cref="RateLimitScopes"/> (default <c>runner</c>).</summary>
    public string Scope { get; init; } = RateLimitScopes.Runner;
}
