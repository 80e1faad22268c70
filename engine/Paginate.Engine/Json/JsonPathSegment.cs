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
                var length = current.GetArrayLength();
                var index = _index < 0 && _kind == SegmentKind.Index ? length + _index : _index;
                if (index >= 0 && index < length)
                {
                    next = current[index];
                    return true;
                }

                break;
        }

        next = default;
        return false;
    }

    // RFC 6901 array indexes (JsonPointer's rule); anything else (including "-") never matches.
    private static int ParseArrayIndex(string token) => JsonPointer.TryParseArrayIndex(token, out var index) ? index : -1;
}
