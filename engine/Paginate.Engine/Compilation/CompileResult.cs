namespace Paginate.Engine.Compilation;

/// <summary>The outcome of <see cref="RunnerCompiler.Compile"/>: a runner, or every error keyed by field path.</summary>
public sealed record CompileResult
{
    public CompiledRunner? Runner { get; init; }

    /// <summary>Field path (e.g. <c>pagination.cursor_param</c>) to messages a person can act on.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public bool IsValid => Runner is not null;
}
