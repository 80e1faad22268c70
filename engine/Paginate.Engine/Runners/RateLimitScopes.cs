namespace Paginate.Engine.Runners;

/// <summary>The <c>limits.rate_limit.scope</c> values: who shares one budget.</summary>
public static class RateLimitScopes
{
    /// <summary>One budget for every call of the runner.</summary>
    public const string Runner = "runner";

    /// <summary>One budget per distinct set of forwarded header values (keyed by a keyed hash, never the values).</summary>
    public const string Credential = "credential";

    public static readonly IReadOnlyList<string> All = [Runner, Credential];
}
