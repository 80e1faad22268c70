using System.Runtime.InteropServices;
using System.Text.Json;

namespace Paginate.Engine.Shaping;

/// <summary><c>select</c>: one object per item with the chosen fields, in order; a missing value is <c>null</c>.</summary>
internal sealed class SelectShaper : IItemShaper
{
    private readonly SelectField[] _fields;

    public SelectShaper(SelectField[] fields) => _fields = fields;

    public void Write(Utf8JsonWriter writer, JsonElement item)
    {
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            writer.WritePropertyName(field.EncodedName);
            if (field.Path.TryGetFrom(item, out var value))
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }
}
