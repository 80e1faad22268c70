namespace Paginate.Engine.Runners;

/// <summary>Options that depend on the deployment, not on the runner.</summary>
public sealed record RunnerCompileOptions
{
    /// <summary>Allow http and private/loopback upstreams (local and dev only).</summary>
    public bool AllowPrivateUpstreams { get; init; }
}

/// <summary>The outcome of <see cref="RunnerCompiler.Compile"/>: a runner, or every error keyed by field path.</summary>
public sealed record CompileResult
{
    public CompiledRunner? Runner { get; init; }

    /// <summary>Field path (e.g. <c>pagination.cursor_param</c>) to messages a person can act on.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public bool IsValid => Runner is not null;
}

/// <summary>Validates a definition (all errors at once), fills defaults and compiles paths.</summary>
public static class RunnerCompiler
{
    public static CompileResult Compile(RunnerDefinition definition, RunnerCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        throw new NotImplementedException("engine: validation and compilation");
    }
}
