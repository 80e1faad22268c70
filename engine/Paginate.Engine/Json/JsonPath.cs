using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Paginate.Engine.Json;

/// <summary>
/// A compiled path into a JSON document (CONTRACT §1 "Paths"): dot notation with indexes
/// (<c>data.items</c>, <c>data[0].id</c>, <c>data[-1].id</c>), a JSON Pointer when it starts with <c>/</c>,
/// <c>$last_item.</c> to evaluate on the last item of the page, and <c>""</c> for the document itself.
/// Parsed once when a runner loads; evaluation allocates nothing.
/// </summary>
public sealed class JsonPath
{
    private JsonPath(string text) => Text = text;

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>True for <c>$last_item.</c> paths: evaluated on the last item of the current page.</summary>
    public bool IsLastItem { get; private init; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        throw new NotImplementedException("engine: paths");
    }

    /// <summary>Evaluates on a page body (and its last item for <c>$last_item.</c> paths). False when missing.</summary>
    public bool TryGet(JsonElement document, JsonElement? lastItem, out JsonElement value)
    {
        throw new NotImplementedException("engine: paths");
    }

    public override string ToString() => Text;
}
