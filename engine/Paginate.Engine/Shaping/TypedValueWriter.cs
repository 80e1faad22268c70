using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Shaping;

/// <summary>
/// Writes a value converted to a select field's type (CONTRACT §1 shape, v2): a numeric string to a number, a
/// number or boolean to a string, <c>"true"</c>/<c>"false"</c> to a boolean. JSON null stays null. A value that
/// cannot be converted is written as null and reported, so the run can count it in <c>meta.type_errors</c>.
/// </summary>
/// <remarks>
/// Numbers keep their digits: a JSON number or numeric string that is already valid JSON is copied as written,
/// never through a double (ids and amounts beyond 2^53 stay exact). Booleans do not become numbers and numbers do
/// not become booleans (0/1 is not a boolean to every API); objects and arrays convert to nothing.
/// </remarks>
internal static class TypedValueWriter
{
    /// <summary>Writes <paramref name="value"/> as <paramref name="type"/>; false when it could not be converted (null was written).</summary>
    public static bool Write(Utf8JsonWriter writer, JsonElement value, FieldType type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            writer.WriteNullValue();
            return true;
        }

        var written = type switch
        {
            FieldType.String => WriteString(writer, value),
            FieldType.Number => WriteNumber(writer, value, integer: false),
            FieldType.Integer => WriteNumber(writer, value, integer: true),
            FieldType.Boolean => WriteBoolean(writer, value),
            _ => WriteRaw(writer, value),
        };

        if (!written)
        {
            writer.WriteNullValue();
        }

        return written;
    }

    private static bool WriteRaw(Utf8JsonWriter writer, JsonElement value)
    {
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
        return true;
    }

    private static bool WriteString(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return WriteRaw(writer, value);
            case JsonValueKind.Number:
                writer.WriteStringValue(value.GetRawText());
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                writer.WriteStringValue(value.ValueKind == JsonValueKind.True ? "true" : "false");
                return true;
            default:
                return false;
        }
    }

    private static bool WriteBoolean(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return WriteRaw(writer, value);
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var flag):
                writer.WriteBooleanValue(flag);
                return true;
            default:
                return false;
        }
    }

    private static bool WriteNumber(Utf8JsonWriter writer, JsonElement value, bool integer)
    {
        string text;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                text = value.GetRawText();
                break;
            case JsonValueKind.String:
                text = value.GetString()!.Trim();
                break;
            default:
                return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        if (!integer)
        {
            if (IsJsonNumber(text))
            {
                writer.WriteRawValue(text, skipInputValidation: true);
            }
            else
            {
                writer.WriteNumberValue(number);
            }

            return true;
        }

        if (IsJsonNumber(text) && text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            // Integer digits as written, whatever their size.
            writer.WriteRawValue(text, skipInputValidation: true);
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            if (decimal.Truncate(exact) != exact)
            {
                return false;
            }

            writer.WriteRawValue(decimal.Truncate(exact).ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
            return true;
        }

        // Beyond decimal's range (1e30): exact digits when the text is a whole number, else not an integer.
        if (!BigInteger.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var big))
        {
            return false;
        }

        writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        return true;
    }

    // RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool Digits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }
}
