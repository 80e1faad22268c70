using System.Text.Json;

namespace Paginate.Engine.Runners;

/// <summary>
/// <c>{{name}}</c> placeholders: names match <c>[A-Za-z_][A-Za-z0-9_]{0,63}</c>. Values are URL-encoded
/// in the URL and JSON-escaped in the body; a body string that is exactly <c>"{{n}}"</c> becomes the value.
/// </summary>
public static class Placeholders
{
    /// <summary>Distinct placeholder names of url and body, in order of first appearance.</summary>
    public static IReadOnlyList<string> Find(RequestSpec request) => throw new NotImplementedException("engine: placeholders");

    /// <summary>The URL with each placeholder replaced by its URL-encoded value. Every name must be present.</summary>
    public static string ExpandUrl(string template, IReadOnlyDictionary<string, string> values) => throw new NotImplementedException("engine: placeholders");

    /// <summary>The body as UTF-8 JSON with placeholders inside string values replaced (JSON-escaped).</summary>
    public static byte[] ExpandBody(JsonElement body, IReadOnlyDictionary<string, string> values) => throw new NotImplementedException("engine: placeholders");
}
