using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paginate.Engine.Strategies;

/// <summary>
/// A cursor copied out of a page, whatever its JSON type: in a JSON body it is written back exactly as the API
/// sent it (a number stays a number with the same digits, a boolean a boolean, an object an object); in a query
/// or header it is text (a string as is, a number as written, <c>true</c>/<c>false</c>).
/// </summary>
internal sealed class CursorValue
{
    private readonly string _json;

    private CursorValue(JsonValueKind kind, string json, string? text)
    {
        Kind = kind;
        _json = json;
        Text = text;
    }

    /// <summary>The JSON type the API sent.</summary>
    public JsonValueKind Kind { get; }

    /// <summary>The text sent in a query parameter or header; null for an object or array, which has none.</summary>
    public string? Text { get; }

    /// <summary>
    /// Copies <paramref name="value"/> out of the page (its JSON is released after the page). False for a cursor
    /// that means "no next page": JSON null, an empty string, an empty object or array.
    /// </summary>
    public static bool TryRead(JsonElement value, [NotNullWhen(true)] out CursorValue? cursor)
    {
        cursor = value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => new(JsonValueKind.String, value.GetRawText(), text),
            JsonValueKind.Number => new(JsonValueKind.Number, value.GetRawText(), value.GetRawText()),
            JsonValueKind.True => new(JsonValueKind.True, "true", "true"),
            JsonValueKind.False => new(JsonValueKind.False, "false", "false"),
            JsonValueKind.Object when value.EnumerateObject().Any() => new(JsonValueKind.Object, value.GetRawText(), null),
            JsonValueKind.Array when value.GetArrayLength() > 0 => new(JsonValueKind.Array, value.GetRawText(), null),
            _ => null,
        };
        return cursor is not null;
    }

    /// <summary>A fresh node for a JSON body (a node belongs to one parent, so each write gets its own).</summary>
    public JsonNode ToJsonNode() => JsonNode.Parse(_json)!;

    /// <summary>Hides the value: a cursor may encode what the caller searched for.</summary>
    public override string ToString() => $"CursorValue({Kind})";
}
