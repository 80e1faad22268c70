using FluentValidation;
using Paginate.Engine.Json;

namespace Paginate.Engine.Runners;

/// <summary>Rules of <c>response.items_path</c> and <c>shape</c>.</summary>
internal sealed class ResponseShapeRules : AbstractValidator<RunnerDefinition>
{
    public const int MaxSelectFields = 200;

    public ResponseShapeRules()
    {
        When(x => x.Response is not null, () =>
        {
            RuleFor(x => x.Response.ItemsPath).Custom((itemsPath, context) =>
            {
                if (itemsPath is null)
                {
                    return;
                }

                if (!JsonPath.TryParse(itemsPath, out var path, out var error))
                {
                    context.Fail("response.items_path", $"response.items_path: {error}");
                }
                else if (path.IsLastItem)
                {
                    context.Fail("response.items_path", $"response.items_path '{itemsPath}' cannot use '{JsonPath.LastItemPrefix}': items are read from the page body (use \"\" when the body is the array)");
                }
            });
        });

        When(x => x.Shape is not null, () =>
        {
            RuleFor(x => x.Shape).Custom((shape, context) =>
            {
                if (shape.Mode is null || !ShapeModes.All.Contains(shape.Mode))
                {
                    context.Fail("shape.mode", $"unknown shape.mode '{shape.Mode}'; use one of: {string.Join(", ", ShapeModes.All)}");
                    return;
                }

                if (shape.Mode == ShapeModes.Select)
                {
                    CheckFields(shape.Fields, context);
                }
                else if (shape.Fields is { Count: > 0 })
                {
                    context.Fail("shape.fields", $"shape.fields applies only to mode select (mode is {shape.Mode}); remove it or set shape.mode to select");
                }
            });
        });
    }

    private static void CheckFields(IReadOnlyList<string>? fields, ValidationContext<RunnerDefinition> context)
    {
        if (fields is not { Count: > 0 })
        {
            context.Fail("shape.fields", $"shape.fields is required for mode select: 1 to {MaxSelectFields} 'output_name:path' lines, e.g. 'email:attributes.email'");
            return;
        }

        if (fields.Count > MaxSelectFields)
        {
            context.Fail("shape.fields", $"shape.fields has {fields.Count} lines; at most {MaxSelectFields} allowed");
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var path = $"shape.fields[{i}]";
            if (!SelectField.TryParse(fields[i], out var field, out var error))
            {
                context.Fail(path, $"{path} {error}");
            }
            else if (!names.TryAdd(field.OutputName, i))
            {
                context.Fail(path, $"{path}: output name '{field.OutputName}' is already used by shape.fields[{names[field.OutputName]}]; output names must be unique");
            }
        }
    }
}
