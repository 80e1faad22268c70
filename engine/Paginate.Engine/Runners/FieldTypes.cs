namespace Paginate.Engine.Runners;

/// <summary>The type names a select field may end with, and their lookup.</summary>
public static class FieldTypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Integer = "integer";
    public const string Boolean = "boolean";

    public static readonly IReadOnlyList<string> All = [String, Number, Integer, Boolean];

    /// <summary>The type named <paramref name="name"/> (any case), or false.</summary>
    public static bool TryParse(string name, out FieldType type)
    {
        type = name.ToLowerInvariant() switch
        {
            String => FieldType.String,
            Number => FieldType.Number,
            Integer => FieldType.Integer,
            Boolean => FieldType.Boolean,
            _ => FieldType.None,
        };
        return type != FieldType.None;
    }
}
