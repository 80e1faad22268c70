using System.Text;
using System.Text.Json;

namespace Paginate.Engine.Json;

/// <summary>One step of a <see cref="JsonPath"/>. Names are kept as UTF-8 so lookups do not transcode.</summary>
internal readonly struct JsonPathSegment
{
    private readonly byte[]? _utf8Name;
    private readonly int _index;
    private readonly SegmentKind _kind;

    private JsonPathSegment(SegmentKind kind, byte[]? utf8Name, int index)
    {
        _kind = kind;
        _utf8Name = utf8Name;
        _index = index;
    }

    private enum SegmentKind : byte
    {
        /// <summary>A dot-notation key: objects only.</summary>
        Property,

        /// <summary>A bracket index, negative counts from the end: arrays only.</summary>
        Index,

        /// <summary>A JSON Pointer reference token: a key on objects, a non-negative index on arrays.</summary>
        Token,
    }

    public static JsonPathSegment Property(string name) => new(SegmentKind.Property, Encoding.UTF8.GetBytes(name), 0);

    public static JsonPathSegment Index(int index) => new(SegmentKind.Index, null, index);

    public static JsonPathSegment Token(string token) => new(SegmentKind.Token, Encoding.UTF8.GetBytes(token), ParseArrayIndex(token));

    public bool TryStep(JsonElement current, out JsonElement next)
    {
        switch (current.ValueKind)
        {
            case JsonValueKind.Object when _kind is SegmentKind.Property or SegmentKind.Token:
                return current.TryGetProperty(_utf8Name, out next);

            case JsonValueKind.Array when _kind is SegmentKind.Index or SegmentKind.Token:
                if (TryGetArrayIndex(current.GetArrayLength(), out var index))
                {
                    next = current[index];
                    return true;
                }

                break;
        }

        next = default;
        return false;
    }

    /// <summary>False for a negative index: it counts from an end a forward scan has not reached yet.</summary>
    public bool IsForwardOnly => !(_kind == SegmentKind.Index && _index < 0);

    /// <summary>True when this step selects the object member under the reader's current property name (escapes decoded).</summary>
    public bool MatchesName(ref readonly Utf8JsonReader reader) =>
        _kind is SegmentKind.Property or SegmentKind.Token && reader.ValueTextEquals(_utf8Name);

    /// <summary>True when this step selects the object member named <paramref name="utf8Name"/> (already unescaped).</summary>
    public bool MatchesName(ReadOnlySpan<byte> utf8Name) =>
        _kind is SegmentKind.Property or SegmentKind.Token && utf8Name.SequenceEqual(_utf8Name);

    /// <summary>The array element this step selects in an array of <paramref name="count"/> elements.</summary>
    public bool TryGetArrayIndex(int count, out int index)
    {
        index = _kind switch
        {
            SegmentKind.Index => _index < 0 ? count + _index : _index,
            SegmentKind.Token => _index,
            _ => -1,
        };
        return index >= 0 && index < count;
    }

    // RFC 6901 array indexes (JsonPointer's rule); anything else (including "-") never matches.
    private static int ParseArrayIndex(string token) => JsonPointer.TryParseArrayIndex(token, out var index) ? index : -1;
}
