namespace Paginate.Engine.Runners;

/// <summary>The answer cache of a runner (CONTRACT §6.5). Answers are kept in gateway memory only, never in Redis.</summary>
public sealed record CacheSpec
{
    /// <summary>Seconds a complete answer is kept, 0..3,600; 0 (the default) turns the cache off.</summary>
    public int TtlSeconds { get; init; } = RunnerDefaults.CacheTtlSeconds;
}
