using System.Globalization;
using System.Text;

namespace Paginate.Engine.Scripting.Syntax;

/// <summary>
/// One script value. <see cref="Secret"/> marks a value derived from a forwarded header (or any value
/// combined with one): it is sent where the script puts it, but <c>@log</c> shows it as <c>***</c>.
/// </summary>
internal readonly struct ScriptValue : IEquatable<ScriptValue>
{
    private readonly double _number;
    private readonly object? _reference;

    private ScriptValue(ScriptValueKind kind, double number, object? reference, bool secret)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
        Secret = secret;
    }

    public static readonly ScriptValue Null;
    public static readonly ScriptValue True = new(ScriptValueKind.Boolean, 1, null, false);
    public static readonly ScriptValue False = new(ScriptValueKind.Boolean, 0, null, false);

    public ScriptValueKind Kind { get; }

    public bool Secret { get; }

    public bool IsNull => Kind == ScriptValueKind.Null;

    public bool AsBoolean => _number != 0;

    public double AsNumber => _number;

    public string AsString => (string)_reference!;

    public IReadOnlyList<ScriptValue> AsArray => (ScriptValue[])_reference!;

    public static ScriptValue Boolean(bool value) => value ? True : False;

    public static ScriptValue Number(double value) => new(ScriptValueKind.Number, value, null, false);

    public static ScriptValue String(string value, bool secret = false) => new(ScriptValueKind.String, 0, value, secret);

    public static ScriptValue Array(ScriptValue[] items, bool secret) => new(ScriptValueKind.Array, 0, items, secret);

    public ScriptValue AsSecret() => Secret ? this : new ScriptValue(Kind, _number, _reference, true);

    /// <summary>The type name used in error messages.</summary>
    public static string TypeName(ScriptValueKind kind) => kind switch
    {
        ScriptValueKind.Null => "null",
        ScriptValueKind.Boolean => "boolean",
        ScriptValueKind.Number => "number",
        ScriptValueKind.String => "string",
        _ => "array",
    };

    public string TypeName() => TypeName(Kind);

    /// <summary>Characters this value holds (an array's items summed); what it costs to keep it between pages.</summary>
    public long Length()
    {
        switch (Kind)
        {
            case ScriptValueKind.String:
                return AsString.Length;
            case ScriptValueKind.Array:
                long length = 2;
                foreach (var item in AsArray)
                {
                    length += item.Length() + 1;
                }

                return length;
            default:
                return 8;
        }
    }

    /// <summary>The value as text: numbers without a needless fraction, arrays as JSON.</summary>
    public string ToText() => Kind switch
    {
        ScriptValueKind.Null => "null",
        ScriptValueKind.Boolean => AsBoolean ? "true" : "false",
        ScriptValueKind.Number => FormatNumber(_number),
        ScriptValueKind.String => AsString,
        _ => ArrayToJson(),
    };

    /// <summary>Integral values print as integers (<c>2</c>, not <c>2.0</c> or <c>2E+00</c>) so they fit in URLs.</summary>
    public static string FormatNumber(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private string ArrayToJson()
    {
        var builder = new StringBuilder("[");
        var items = AsArray;
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var item = items[i];
            if (item.Kind == ScriptValueKind.String)
            {
                builder.Append(System.Text.Json.JsonSerializer.Serialize(item.AsString));
            }
            else
            {
                builder.Append(item.ToText());
            }
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Strict equality: values of different types are never equal; arrays compare item by item.</summary>
    public bool Equals(ScriptValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            ScriptValueKind.Null => true,
            ScriptValueKind.Boolean or ScriptValueKind.Number => _number.Equals(other._number),
            ScriptValueKind.String => string.Equals(AsString, other.AsString, StringComparison.Ordinal),
            _ => AsArray.SequenceEqual(other.AsArray),
        };
    }

    public override bool Equals(object? obj) => obj is ScriptValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _number, _reference);

    public static bool operator ==(ScriptValue left, ScriptValue right) => left.Equals(right);

    public static bool operator !=(ScriptValue left, ScriptValue right) => !left.Equals(right);

    /// <summary>Hides the content: a value may be a secret.</summary>
    public override string ToString() => $"ScriptValue({TypeName()})";
}
