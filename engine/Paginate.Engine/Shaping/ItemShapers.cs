using Paginate.Engine.Runners;

namespace Paginate.Engine.Shaping;

/// <summary>Builds the shaper of a shape mode, compiling select paths once.</summary>
public static class ItemShapers
{
    /// <summary>
    /// The shaper for a validated <paramref name="spec"/>. Throws <see cref="ArgumentException"/> for a spec that
    /// validation would reject (unknown mode, bad select field).
    /// </summary>
    public static IItemShaper Create(ShapeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Mode switch
        {
            ShapeModes.Full => FullShaper.Instance,
            ShapeModes.FlattenJsonApi => FlattenJsonApiShaper.Instance,
            ShapeModes.Select => CreateSelect(spec.Fields),
            _ => throw new ArgumentException($"unknown shape.mode '{spec.Mode}'", nameof(spec)),
        };
    }

    private static SelectShaper CreateSelect(IReadOnlyList<string>? lines)
    {
        if (lines is not { Count: > 0 })
        {
            throw new ArgumentException("shape.fields is required for mode select", nameof(lines));
        }

        var fields = new SelectField[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            fields[i] = SelectField.TryParse(lines[i], out var field, out var error)
                ? field
                : throw new ArgumentException($"shape.fields[{i}]: {error}", nameof(lines));
        }

        return new SelectShaper(fields);
    }
}
