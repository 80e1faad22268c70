using System.Text.Json;

namespace Paginate.Engine.Shaping;

/// <summary>Writes one upstream item to the answer as one JSON value, in a shape mode.</summary>
public interface IItemShaper
{
    void Write(Utf8JsonWriter writer, JsonElement item);
}
