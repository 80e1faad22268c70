using System.Runtime.InteropServices;
using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Shaping;

/// <summary>
/// <c>select</c>: one object per item with the chosen fields, in order; a missing value is <c>null</c>. A typed field
/// is converted (<see cref="TypedValueWriter"/>); a value that cannot be converted is null and counted.
/// </summary>
internal sealed class SelectShaper : IItemShaper
{
    private readonly SelectField[] _fields;

    public SelectShaper(SelectField[] fields)
    {
        _fields = fields;
        CountsTypeErrors = fields.Any(f => f.Type != FieldType.None);
    }

    public bool CountsTypeErrors { get; }

    public int Write(Utf8JsonWriter writer, JsonElement item)
    {
        var typeErrors = 0;
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            writer.WritePropertyName(field.EncodedName);
            if (!field.Path.TryGetFrom(item, out var value))
            {
                writer.WriteNullValue();
            }
            else if (field.Type == FieldType.None)
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            }
            else if (!TypedValueWriter.Write(writer, value, field.Type))
            {
                typeErrors++;
            }
        }

        writer.WriteEndObject();
        return typeErrors;
    }
}
