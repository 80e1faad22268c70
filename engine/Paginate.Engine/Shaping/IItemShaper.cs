using System.Text.Json;

namespace Paginate.Engine.Shaping;

/// <summary>Writes one upstream item to the answer as one JSON value, in a shape mode.</summary>
public interface IItemShaper
{
    /// <summary>
    /// True when the shape declares typed fields: the answer's <c>meta</c> then carries <c>type_errors</c>
    /// (a runner without typed fields keeps the v1 meta byte for byte).
    /// </summary>
    bool CountsTypeErrors => false;

    /// <summary>Writes <paramref name="item"/>; returns how many of its values could not be converted to their field's type.</summary>
    int Write(Utf8JsonWriter writer, JsonElement item);

    /// <summary>
    /// Writes one item given as its raw UTF-8 (already validated by the page scan). The default parses a small
    /// document for the item alone and calls <see cref="Write(Utf8JsonWriter, JsonElement)"/>: shapes that read
    /// fields work on one item at a time, never on the page's document.
    /// </summary>
    int WriteRaw(Utf8JsonWriter writer, ReadOnlyMemory<byte> item)
    {
        using var document = JsonDocument.Parse(item, ItemDocument.Options);
        return Write(writer, document.RootElement);
    }
}
