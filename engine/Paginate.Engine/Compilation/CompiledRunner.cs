using Paginate.Engine.Json;
using Paginate.Engine.Runners;
using Paginate.Engine.Shaping;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Compilation;

/// <summary>
/// A validated runner with its paths compiled and its script parsed, ready to run many times.
/// Immutable and safe to share between concurrent runs.
/// </summary>
public sealed class CompiledRunner
{
    internal CompiledRunner(
        RunnerDefinition definition,
        IReadOnlyList<string> placeholders,
        Uri origin,
        JsonPath itemsPath,
        IItemShaper shaper,
        IPagingStrategy strategy)
    {
        Definition = definition;
        Placeholders = placeholders;
        Origin = origin;
        ItemsPath = itemsPath;
        Shaper = shaper;
        Strategy = strategy;
    }

    /// <summary>The definition with every default filled in.</summary>
    public RunnerDefinition Definition { get; }

    /// <summary>The <c>{{name}}</c> placeholders of url and body, in order of first appearance, distinct.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Scheme, host and port of <c>request.url</c>; next links must keep it.</summary>
    public Uri Origin { get; }

    /// <summary>Where each page's items are; <see cref="JsonPath.IsDocument"/> when the body is the array.</summary>
    internal JsonPath ItemsPath { get; }

    /// <summary>Writes each item in the runner's shape mode.</summary>
    internal IItemShaper Shaper { get; }

    /// <summary>The pagination style, with its paths compiled (and its script parsed).</summary>
    internal IPagingStrategy Strategy { get; }
}
