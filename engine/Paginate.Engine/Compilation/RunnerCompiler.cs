using FluentValidation.Results;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;
using Paginate.Engine.Shaping;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Compilation;

/// <summary>Validates a definition (all errors at once), fills defaults and compiles paths.</summary>
public static class RunnerCompiler
{
    // Validators are immutable once built and building one is not free; a gateway compiles every runner at load.
    private static readonly RunnerDefinitionValidator s_publicOnly = new(new RunnerCompileOptions());
    private static readonly RunnerDefinitionValidator s_allowPrivate = new(new RunnerCompileOptions { AllowPrivateUpstreams = true });

    public static CompileResult Compile(RunnerDefinition definition, RunnerCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = Validate(definition, options);
        if (errors.Count > 0)
        {
            return new CompileResult { Errors = errors };
        }

        // Validation passed, so every path and field parses and the URL has a literal origin.
        var normalized = RunnerDefaults.Normalize(definition);
        var itemsPath = JsonPath.Parse(normalized.Response.ItemsPath ?? string.Empty);
        var shaper = ItemShapers.Create(normalized.Shape);
        var origin = UrlTemplate.Origin(new Uri(Placeholders.ReplaceAll(normalized.Request.Url!, "p")));

        var strategyErrors = new FieldErrors();
        if (!PagingStrategies.TryCreate(normalized.Pagination, strategyErrors, out var strategy))
        {
            if (strategyErrors.Count == 0)
            {
                strategyErrors.Add("pagination", $"style {normalized.Pagination.Style} could not be built");
            }

            return new CompileResult { Errors = strategyErrors.ToDictionary() };
        }

        var runner = new CompiledRunner(normalized, Placeholders.Find(normalized.Request), origin, itemsPath, shaper, strategy);
        return new CompileResult { Runner = runner };
    }

    /// <summary>Every validation error of <paramref name="definition"/>, keyed by field path; empty when valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(RunnerDefinition definition, RunnerCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var validator = options is { AllowPrivateUpstreams: true } ? s_allowPrivate : s_publicOnly;
        return Group(validator.Validate(definition).Errors);
    }

    private static IReadOnlyDictionary<string, string[]> Group(List<ValidationFailure> failures)
    {
        var errors = new FieldErrors();
        foreach (var failure in failures)
        {
            errors.Add(failure.PropertyName, failure.ErrorMessage);
        }

        return errors.ToDictionary();
    }
}
