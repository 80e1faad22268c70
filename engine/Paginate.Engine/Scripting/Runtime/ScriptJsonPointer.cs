using System.Text.Json;
using System.Text.Json.Nodes;

using Paginate.Engine.Json;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// The script's reading of a pointer, on top of the engine's one <see cref="JsonPointer"/>: three documented
/// conveniences: <c>""</c> and <c>"/"</c> both mean the whole document (RFC 6901 reads <c>"/"</c> as the key
/// <c>""</c>), a pointer without a leading <c>/</c> is one top-level key, and a negative array index counts
/// from the end (<c>/data/-1/id</c> is the last item's id). Everything else (escapes, index rules) is RFC 6901:
/// a <c>~</c> not followed by <c>0</c> or <c>1</c> is a script error, not a literal <c>~</c>.
/// </summary>
internal static class ScriptJsonPointer
{
    public static JsonPointer Parse(string pointer, OperationExpression node)
    {
        if (pointer.Length == 0 || pointer == "/")
        {
            return JsonPointer.Root;
        }

        if (pointer[0] != '/')
        {
            return JsonPointer.OfKey(pointer);
        }

        return JsonPointer.TryParse(pointer, out var parsed, out var error)
            ? parsed.WithFromEndIndexes()
            : throw node.Error($"@{node.Operation.Name}: {error}");
    }

    public static bool TryGet(JsonElement root, JsonPointer pointer, out JsonElement value) => pointer.TryGet(root, out value);

    public static bool TryGet(JsonNode? root, JsonPointer pointer, out JsonNode? value) => pointer.TryGet(root, out value);

    /// <summary>Sets the value at the pointer, creating missing objects on the way; <c>-</c> appends to an array.</summary>
    public static bool TrySet(ref JsonNode? root, JsonPointer pointer, JsonNode? value, out string? problem) =>
        pointer.TrySet(ref root, value, out problem);

    /// <summary>Removes the value at the pointer; false when nothing was there.</summary>
    public static bool Remove(JsonNode? root, JsonPointer pointer) => pointer.Remove(root);
}
