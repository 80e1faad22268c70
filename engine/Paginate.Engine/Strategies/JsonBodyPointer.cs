using System.Text.Json;
using System.Text.Json.Nodes;

using Paginate.Engine.Json;

namespace Paginate.Engine.Strategies;

/// <summary>
/// Sets a value inside a JSON request body at an RFC 6901 pointer (<c>/variables/after</c>) through the
/// engine's one <see cref="JsonPointer"/> (<see cref="JsonPointer.Overwrite"/>: missing or scalar steps become
/// objects). The body is small (a request template), so it is parsed and written whole each time; the
/// original bytes are never changed.
/// </summary>
internal static class JsonBodyPointer
{
    public static byte[] Set(byte[]? body, string pointer, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var root = body is { Length: > 0 } ? JsonNode.Parse(body) : null;
        return JsonSerializer.SerializeToUtf8Bytes(JsonPointer.Parse(pointer).Overwrite(root, value));
    }
}
