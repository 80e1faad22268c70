using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paginate.Engine.Json;

/// <summary>
/// The one JSON Pointer (RFC 6901) of the engine: response paths (<see cref="JsonPath"/>), body parameters
/// (<c>location: body</c>) and the script's <c>json_*</c>/<c>body_*</c>/<c>response_*</c> operations all parse
/// and index through it, so <c>~0</c>/<c>~1</c>, array indexes and <c>-</c> mean the same everywhere.
/// </summary>
/// <remarks>
/// Strict reading: <c>""</c> is the whole document, <c>"/"</c> is the key <c>""</c>, a <c>~</c> not followed by
/// <c>0</c> or <c>1</c> is an error, and an array index is <c>0</c> or digits without a leading zero. The only
/// extension is opt-in: <see cref="FromEndIndexes"/> lets <c>-1</c> mean the last element (the script's
/// documented convenience). <c>-</c> is "one past the end": it never reads anything and appends on write.
/// </remarks>
internal sealed class JsonPointer
{
    private readonly string[] _tokens;

    private JsonPointer(string[] tokens, bool fromEndIndexes)
    {
        _tokens = tokens;
        FromEndIndexes = fromEndIndexes;
    }

    /// <summary>The pointer to the whole document.</summary>
    public static JsonPointer Root { get; } = new([], fromEndIndexes: false);

    /// <summary>The unescaped reference tokens.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Whether a negative index counts from the end of an array (not RFC 6901; scripts only).</summary>
    public bool FromEndIndexes { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPointer? pointer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            pointer = Root;
            error = null;
            return true;
        }

        if (text[0] != '/')
        {
            pointer = null;
            error = "a JSON Pointer starts with '/'";
            return false;
        }

        if (!TryParse(text, 0, out pointer, out var what, out var position))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{what} at position {position}");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Parses the pointer that starts with the <c>/</c> at <paramref name="start"/> and runs to the end of
    /// <paramref name="text"/> (a path may have a prefix); on failure, what is wrong and its position in <paramref name="text"/>.
    /// </summary>
    public static bool TryParse(string text, int start, [NotNullWhen(true)] out JsonPointer? pointer, [NotNullWhen(false)] out string? what, out int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNotEqual(text[start], '/');
        pointer = null;
        var tokens = new List<string>();
        var token = new StringBuilder();
        for (var i = start + 1; ; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                tokens.Add(token.ToString());
                token.Clear();
                if (i == text.Length)
                {
                    break;
                }

                continue;
            }

            if (text[i] == '~')
            {
                if (i + 1 < text.Length && text[i + 1] is '0' or '1')
                {
                    token.Append(text[i + 1] == '0' ? '~' : '/');
                    i++;
                    continue;
                }

                what = "'~' must be followed by 0 or 1 in a JSON Pointer (write '~0' for '~', '~1' for '/')";
                position = i;
                return false;
            }

            token.Append(text[i]);
        }

        pointer = new JsonPointer([.. tokens], fromEndIndexes: false);
        what = null;
        position = -1;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static JsonPointer Parse(string text) =>
        TryParse(text, out var pointer, out var error) ? pointer : throw new FormatException(error);

    /// <summary>A pointer made of one key, escaped or not (the script's "a bare name is a top-level key").</summary>
    public static JsonPointer OfKey(string key) => new([key], fromEndIndexes: false);

    /// <summary>The same pointer, reading <c>-1</c> as the last array element.</summary>
    public JsonPointer WithFromEndIndexes() => new(_tokens, fromEndIndexes: true);

    /// <summary>
    /// RFC 6901 array index: <c>0</c> or ASCII digits without a leading zero, fitting an <see cref="int"/>.
    /// <c>-</c>, signs, spaces and leading zeros are not indexes.
    /// </summary>
    public static bool TryParseArrayIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 10 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        long value = 0;
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (value > int.MaxValue)
        {
            return false;
        }

        index = (int)value;
        return true;
    }

    /// <summary>Reads the value the pointer names; false when any step is missing.</summary>
    public bool TryGet(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var token in _tokens)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.TryGetProperty(token, out var child):
                    value = child;
                    break;
                case JsonValueKind.Array when TryExistingIndex(token, value.GetArrayLength(), out var index):
                    value = value[index];
                    break;
                default:
                    value = default;
                    return false;
            }
        }

        return value.ValueKind != JsonValueKind.Undefined;
    }

    /// <summary>Reads the node the pointer names (a JSON null is found, as null); false when any step is missing.</summary>
    public bool TryGet(JsonNode? root, out JsonNode? value) => TryGet(root, _tokens.Length, out value);

    /// <summary>
    /// Sets the value, creating missing (or null) objects on the way; <c>-</c> appends to an array. Fails,
    /// changing nothing visible, when a step passes through a scalar or names no element of an array.
    /// </summary>
    public bool TrySet(ref JsonNode? root, JsonNode? value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (_tokens.Length == 0)
        {
            root = value;
            return true;
        }

        root ??= new JsonObject();
        var parent = root;
        for (var i = 0; i < _tokens.Length - 1; i++)
        {
            var token = _tokens[i];
            JsonNode? next;
            switch (parent)
            {
                case JsonObject obj:
                    if (!obj.TryGetPropertyValue(token, out next) || next is null)
                    {
                        next = new JsonObject();
                        obj[token] = next;
                    }

                    break;
                case JsonArray array when TryExistingIndex(token, array.Count, out var index):
                    next = array[index] ??= new JsonObject();
                    break;
                default:
                    problem = "the pointer passes through a value that is not an object or array";
                    return false;
            }

            parent = next;
        }

        var last = _tokens[^1];
        switch (parent)
        {
            case JsonObject target:
                target[last] = value;
                return true;
            case JsonArray list when last == "-":
                list.Add(value);
                return true;
            case JsonArray list when TryExistingIndex(last, list.Count, out var index):
                list[index] = value;
                return true;
            default:
                problem = "the pointer's parent is not an object or array, or the index is out of range";
                return false;
        }
    }

    /// <summary>
    /// Sets the value whatever is in the way (a request body template is ours to shape): a scalar, or an
    /// array met by a token that is not an index (or <c>-</c>), is replaced by an object; an index equal to
    /// the array's length appends. Returns the (possibly new) root.
    /// </summary>
    public JsonNode? Overwrite(JsonNode? root, JsonNode? value)
    {
        if (_tokens.Length == 0)
        {
            return value;
        }

        if (root is not (JsonObject or JsonArray))
        {
            root = new JsonObject();
        }

        var current = root;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            var last = i == _tokens.Length - 1;
            if (current is JsonArray array && TryWritableIndex(token, array.Count, out var index))
            {
                if (last)
                {
                    SetAt(array, index, value);
                    break;
                }

                var child = index < array.Count ? array[index] : null;
                if (child is not (JsonObject or JsonArray))
                {
                    child = new JsonObject();
                    SetAt(array, index, child);
                }

                current = child;
                continue;
            }

            if (current is not JsonObject obj)
            {
                obj = new JsonObject();
                if (ReferenceEquals(current, root))
                {
                    // The root has no parent to hold the replacement: it becomes the new root.
                    root = obj;
                }
                else
                {
                    Replace(current!, obj);
                }

                current = obj;
            }

            if (last)
            {
                obj[token] = value;
                break;
            }

            var next = obj[token];
            if (next is not (JsonObject or JsonArray))
            {
                next = new JsonObject();
                obj[token] = next;
            }

            current = next;
        }

        return root;
    }

    /// <summary>Removes the value the pointer names; false when nothing was there.</summary>
    public bool Remove(JsonNode? root)
    {
        if (_tokens.Length == 0 || !TryGet(root, _tokens.Length - 1, out var parent))
        {
            return false;
        }

        switch (parent)
        {
            case JsonObject obj:
                return obj.Remove(_tokens[^1]);
            case JsonArray array when TryExistingIndex(_tokens[^1], array.Count, out var index):
                array.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Concat(_tokens.Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    private bool TryGet(JsonNode? root, int depth, out JsonNode? value)
    {
        value = root;
        for (var i = 0; i < depth; i++)
        {
            var token = _tokens[i];
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    value = child;
                    break;
                case JsonArray array when TryExistingIndex(token, array.Count, out var index):
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    private bool TryExistingIndex(string token, int count, out int index)
    {
        if (TryParseArrayIndex(token, out index))
        {
            return index < count;
        }

        if (FromEndIndexes && token.Length > 1 && token[0] == '-' && TryParseArrayIndex(token[1..], out var back) && back > 0)
        {
            index = count - back;
            return index >= 0;
        }

        return false;
    }

    private static bool TryWritableIndex(string token, int count, out int index)
    {
        if (token == "-")
        {
            index = count;
            return true;
        }

        return TryParseArrayIndex(token, out index) && index <= count;
    }

    private static void SetAt(JsonArray array, int index, JsonNode? value)
    {
        if (index == array.Count)
        {
            array.Add(value);
        }
        else
        {
            array[index] = value;
        }
    }

    private static void Replace(JsonNode node, JsonNode replacement)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = replacement;
                break;
            case JsonArray parentArray:
                parentArray[node.GetElementIndex()] = replacement;
                break;
        }
    }
}
