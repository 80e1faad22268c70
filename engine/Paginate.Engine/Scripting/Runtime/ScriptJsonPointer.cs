using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// JSON Pointer (RFC 6901) with three documented conveniences: <c>""</c> and <c>"/"</c> both mean the whole
/// document, a pointer without a leading <c>/</c> is one top-level key, and a negative array index counts
/// from the end (<c>/data/-1/id</c> is the last item's id).
/// </summary>
internal static class ScriptJsonPointer
{
    public static string[] Parse(string pointer)
    {
        if (pointer.Length == 0 || pointer == "/")
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            return [pointer];
        }

        var tokens = pointer[1..].Split('/');
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = tokens[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return tokens;
    }

    public static bool TryGet(JsonElement root, string[] tokens, out JsonElement value)
    {
        value = root;
        foreach (string token in tokens)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.TryGetProperty(token, out var child):
                    value = child;
                    break;
                case JsonValueKind.Array when TryIndex(token, value.GetArrayLength(), out int index):
                    value = value[index];
                    break;
                default:
                    return false;
            }
        }

        return value.ValueKind != JsonValueKind.Undefined;
    }

    public static bool TryGet(JsonNode? root, string[] tokens, out JsonNode? value)
    {
        value = root;
        foreach (string token in tokens)
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    value = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count, out int index):
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>Sets the value at the pointer, creating missing objects on the way; <c>-</c> appends to an array.</summary>
    public static bool TrySet(ref JsonNode? root, string[] tokens, JsonNode? value, out string? problem)
    {
        problem = null;
        if (tokens.Length == 0)
        {
            root = value;
            return true;
        }

        root ??= new JsonObject();
        JsonNode? parent = root;
        for (int i = 0; i < tokens.Length - 1; i++)
        {
            string token = tokens[i];
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
                case JsonArray array when TryIndex(token, array.Count, out int index):
                    next = array[index] ??= new JsonObject();
                    break;
                default:
                    problem = "the pointer passes through a value that is not an object or array";
                    return false;
            }

            parent = next;
        }

        string last = tokens[^1];
        switch (parent)
        {
            case JsonObject target:
                target[last] = value;
                return true;
            case JsonArray list when last == "-":
                list.Add(value);
                return true;
            case JsonArray list when TryIndex(last, list.Count, out int index):
                list[index] = value;
                return true;
            default:
                problem = "the pointer's parent is not an object or array, or the index is out of range";
                return false;
        }
    }

    /// <summary>Removes the value at the pointer; false when nothing was there.</summary>
    public static bool Remove(JsonNode? root, string[] tokens)
    {
        if (tokens.Length == 0 || !TryGet(root, tokens[..^1], out var parent))
        {
            return false;
        }

        switch (parent)
        {
            case JsonObject obj:
                return obj.Remove(tokens[^1]);
            case JsonArray array when TryIndex(tokens[^1], array.Count, out int index):
                array.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    private static bool TryIndex(string token, int count, out int index)
    {
        index = -1;
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        index = value < 0 ? count + value : value;
        return index >= 0 && index < count;
    }
}
