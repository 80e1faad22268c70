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
            else if (FindControl(name) is { } at)
            {
                context.Fail("name", $"name holds a control character ({Describe(name[at])} at position {at + 1}); line breaks, tabs and other control characters are not allowed");
            }
        });

        RuleFor(x => x.Description).Custom((description, context) =>
        {
            if (description is { Length: > MaxDescriptionLength })
            {
                context.Fail("description", $"description is {description.Length} characters long; at most {MaxDescriptionLength} allowed");
            }
            else if (description is not null && FindControl(description) is { } at)
            {
                context.Fail("description", $"description holds a control character ({Describe(description[at])} at position {at + 1}); line breaks, tabs and other control characters are not allowed");
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

    /// <summary>
    /// The first C0 or C1 control character (NUL, CR, LF, tab, DEL, U+0080..U+009F) or Unicode line/paragraph
    /// separator, or null. Names and descriptions travel into mail subjects, headers, logs and the UI; a
    /// line break there broke token issue for good, and a saved runner can never be edited.
    /// </summary>
    private static int? FindControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) || text[i] is '\u2028' or '\u2029')
            {
                return i;
            }
        }

        return null;
    }

    private static string Describe(char c) => $"U+{(int)c:X4}";

    private static void RequireSection(object? section, string name, string hint, ValidationContext<RunnerDefinition> context)
    {
        if (section is null)
        {
            context.Fail(name, $"{name} must be an object {hint}, not null");
        }
    }
}
