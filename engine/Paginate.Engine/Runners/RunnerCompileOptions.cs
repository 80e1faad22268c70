namespace Paginate.Engine.Runners;

/// <summary>Options that depend on the deployment, not on the runner.</summary>
public sealed record RunnerCompileOptions
{
    /// <summary>Allow http and private/loopback upstreams (local and dev only).</summary>
    public bool AllowPrivateUpstreams { get; init; }
}
