using System.Runtime.InteropServices;
using System.Text.Json;

namespace Paginate.Engine.Shaping;

/// <summary><c>full</c>: the item exactly as the upstream sent it, copied as raw UTF-8 (never re-serialized).</summary>
internal sealed class FullShaper : IItemShaper
{
    public static readonly FullShaper Instance = new();

    private FullShaper()
    {
    }

    // The bytes come from a parsed JsonDocument, so they are valid JSON: skipping validation saves a second parse.
    public int Write(Utf8JsonWriter writer, JsonElement item)
    {
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(item), skipInputValidation: true);
        return 0;
    }

    // The page scan validated every byte of the item, so it is copied without a second look.
    public static void WriteRaw(Utf8JsonWriter writer, ReadOnlySpan<byte> item) => writer.WriteRawValue(item, skipInputValidation: true);
}
