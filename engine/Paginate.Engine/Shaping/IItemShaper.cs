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
}
