using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// Sets a value inside a JSON request body at an RFC 6901 pointer (<c>/variables/after</c>), creating the
/// intermediate objects that are missing. The body is small (a request template), so it is parsed and
/// written whole each time; the original bytes are never changed.
/// </summary>
internal static class JsonBodyPointer
{
    public static byte[] Set(byte[]? body, string pointer, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        JsonNode root = body is { Length: > 0 } ? JsonNode.Parse(body) ?? new JsonObject() : new JsonObject();
        var tokens = Parse(pointer);
        if (tokens.Count == 0)
        {
            return JsonSerializer.SerializeToUtf8Bytes(value);
        }

        if (root is not (JsonObject or JsonArray))
        {
            root = new JsonObject();
        }

        var current = root;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var last = i == tokens.Count - 1;
            if (current is JsonArray array && TryIndex(token, array.Count, out var index))
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

            // A scalar or an array with a non-index token in the way: an object takes its place.
            if (current is not JsonObject obj)
            {
                obj = new JsonObject();
                if (ReferenceEquals(current, root))
                {
                    // The root has no parent to hold the replacement: it becomes the new root, or the value is lost.
                    root = obj;
                }
                else
                {
                    Replace(current, obj);
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

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    /// <summary>The unescaped reference tokens (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>).</summary>
    public static List<string> Parse(string pointer)
    {
        var tokens = new List<string>();
        if (pointer.Length == 0)
        {
            return tokens;
        }

        if (pointer[0] != '/')
        {
            throw new FormatException("A JSON Pointer starts with '/'.");
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return tokens;
    }

    private static bool TryIndex(string token, int count, out int index)
    {
        if (token == "-")
        {
            index = count;
            return true;
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= count;
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
