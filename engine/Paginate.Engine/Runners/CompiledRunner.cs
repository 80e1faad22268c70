namespace Paginate.Engine.Runners;

/// <summary>
/// A validated runner with its paths compiled and its script parsed, ready to run many times.
/// Immutable and safe to share between concurrent runs.
/// </summary>
public sealed class CompiledRunner
{
    internal CompiledRunner(RunnerDefinition definition, IReadOnlyList<string> placeholders, Uri origin)
    {
        Definition = definition;
        Placeholders = placeholders;
        Origin = origin;
    }

    /// <summary>The definition with every default filled in.</summary>
    public RunnerDefinition Definition { get; }

    /// <summary>The <c>{{name}}</c> placeholders of url and body, in order of first appearance, distinct.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Scheme, host and port of <c>request.url</c>; next links must keep it.</summary>
    public Uri Origin { get; }
}
