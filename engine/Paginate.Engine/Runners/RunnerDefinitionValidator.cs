using FluentValidation;

namespace Paginate.Engine.Runners;

/// <summary>
/// Validates a whole runner definition and reports every error at once, keyed by snake_case field path
/// (<c>request.url</c>, <c>pagination.cursor_param.name</c>, <c>shape.fields[2]</c>). Each message names the field,
/// the value where it is not secret, and what is allowed. One rule set per section, included here.
/// </summary>
internal sealed class RunnerDefinitionValidator : AbstractValidator<RunnerDefinition>
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    public RunnerDefinitionValidator(RunnerCompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        RuleFor(x => x.Name).Custom((name, context) =>
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                context.Fail("name", $"name is required: 1 to {MaxNameLength} characters shown in the admin UI");
            }
            else if (name.Length > MaxNameLength)
            {
                context.Fail("name", $"name is {name.Length} characters long; at most {MaxNameLength} allowed");
            }
        });

        RuleFor(x => x.Description).Custom((description, context) =>
        {
            if (description is { Length: > MaxDescriptionLength })
            {
                context.Fail("description", $"description is {description.Length} characters long; at most {MaxDescriptionLength} allowed");
            }
        });

        RuleFor(x => x).Custom((definition, context) =>
        {
            // JSON null for a section arrives as a null record; defaults apply only when the key is left out.
            RequireSection(definition.Request, "request", "with at least 'url'", context);
            RequireSection(definition.Pagination, "pagination", "(leave it out for style none)", context);
            RequireSection(definition.Response, "response", "(leave it out when the body is the items array)", context);
            RequireSection(definition.Shape, "shape", "(leave it out for mode full)", context);
            RequireSection(definition.Limits, "limits", "(leave it out for the defaults)", context);
        });

        Include(new RequestRules(options));
        Include(new PaginationRules());
        Include(new ResponseShapeRules());
        Include(new LimitsRules());
    }

    private static void RequireSection(object? section, string name, string hint, ValidationContext<RunnerDefinition> context)
    {
        if (section is null)
        {
            context.Fail(name, $"{name} must be an object {hint}, not null");
        }
    }
}
