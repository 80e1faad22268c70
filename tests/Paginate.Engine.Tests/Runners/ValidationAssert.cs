using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

internal static class ValidationAssert
{
    public static IReadOnlyDictionary<string, string[]> Errors(RunnerDefinition definition, bool allowPrivate = false) =>
        RunnerCompiler.Validate(definition, new RunnerCompileOptions { AllowPrivateUpstreams = allowPrivate });

    public static void Valid(RunnerDefinition definition, bool allowPrivate = false)
    {
        var errors = Errors(definition, allowPrivate);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}")));
    }

    /// <summary>Exactly one field fails, and one of its messages holds <paramref name="fragment"/>. Returns the messages.</summary>
    public static string OnlyError(RunnerDefinition definition, string key, string fragment, bool allowPrivate = false)
    {
        var errors = Errors(definition, allowPrivate);
        Assert.True(errors.Keys.SequenceEqual([key]), $"expected only '{key}', got: " + string.Join("\n", errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}")));
        var messages = string.Join(" | ", errors[key]);
        Assert.Contains(fragment, messages, StringComparison.Ordinal);
        return messages;
    }
}
