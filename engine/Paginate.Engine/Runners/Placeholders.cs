using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Paginate.Engine.Runners;

/// <summary>
/// <c>{{name}}</c> placeholders: names match <c>[A-Za-z_][A-Za-z0-9_]{0,63}</c>. Values are URL-encoded
/// in the URL and JSON-escaped in the body; a body string that is exactly <c>"{{n}}"</c> becomes the value.
/// </summary>
/// <remarks>
/// Spaces just inside the braces are tolerated (<c>{{ email }}</c>). Text such as <c>{{ bad-name }}</c> is not a
/// placeholder: validation rejects it (see <see cref="FindInvalid"/>) so that it never reaches an upstream as is.
/// Keys of the body are never expanded.
/// </remarks>
public static partial class Placeholders
{
    /// <summary>The name rule, as shown in error messages.</summary>
    public const string NamePattern = "[A-Za-z_][A-Za-z0-9_]{0,63}";

    // Relaxed escaping keeps non-ASCII text as UTF-8 in upstream bodies; the body is not HTML, so the HTML-safety
    // escapes of the default encoder buy nothing there.
    private static readonly JsonWriterOptions s_bodyWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Distinct placeholder names of url and body, in order of first appearance.</summary>
    public static IReadOnlyList<string> Find(RequestSpec request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = new List<string>();
        if (request.Url is not null)
        {
            AddNames(request.Url, names);
        }

        if (request.Body is { } body)
        {
            foreach (var text in StringValues(body))
            {
                AddNames(text, names);
            }
        }

        return names;
    }

    /// <summary>Distinct placeholder names in one text, in order of first appearance.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        AddNames(text, names);
        return names;
    }

    /// <summary>
    /// Text that looks like a placeholder (<c>{{...}}</c>) but whose name breaks the rule, e.g. <c>{{ bad-name }}</c>,
    /// with its 0-based position. Validation reports each one.
    /// </summary>
    public static IEnumerable<(string Text, int Position)> FindInvalid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in CandidateRegex().Matches(text))
        {
            if (!PlaceholderRegex().IsMatch(match.Value))
            {
                yield return (match.Value, match.Index);
            }
        }
    }

    /// <summary>The string values of a JSON body, in document order (keys excluded).</summary>
    public static IEnumerable<string> StringValues(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var text in StringValues(property.Value))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var text in StringValues(item))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }

    /// <summary>The URL with each placeholder replaced by its URL-encoded value. Every name must be present.</summary>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    /// <exception cref="InvalidPlaceholderValueException">A value is a <c>.</c> or <c>..</c> path segment.</exception>
    public static string ExpandUrl(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);

        // EscapeDataString encodes every reserved character ('/', '?', '&', '=', '#', '{'), so a value can neither
        // add a path segment nor a query parameter, and an expanded value is never expanded again.
        if (!template.Contains("{{", StringComparison.Ordinal))
        {
            return template;
        }

        var expanded = PlaceholderRegex().Replace(template, match => Uri.EscapeDataString(Lookup(match, values)));
        if (HasDotSegment(expanded) && !HasDotSegment(template))
        {
            throw new InvalidPlaceholderValueException(DotSegmentName(template, values));
        }

        return expanded;
    }

    /// <summary>The body as UTF-8 JSON with placeholders inside string values replaced (JSON-escaped).</summary>
    /// <exception cref="MissingPlaceholderException">A placeholder has no value.</exception>
    public static byte[] ExpandBody(JsonElement body, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_bodyWriterOptions))
        {
            WriteExpanded(writer, body, values);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteExpanded(Utf8JsonWriter writer, JsonElement element, IReadOnlyDictionary<string, string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteExpanded(writer, property.Value, values);
                }

                writer.WriteEndObject();
                break;

            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteExpanded(writer, item, values);
                }

                writer.WriteEndArray();
                break;

            case JsonValueKind.String:
                var text = element.GetString()!;
                // The writer escapes the result, so a value with quotes or backslashes stays one JSON string.
                writer.WriteStringValue(text.Contains("{{", StringComparison.Ordinal)
                    ? PlaceholderRegex().Replace(text, match => Lookup(match, values))
                    : text);
                break;

            default:
                element.WriteTo(writer);
                break;
        }
    }

    // "." and ".." survive EscapeDataString, and Uri collapses them (even as %2E), so "/users/{{id}}/x" with ".."
    // would address "/x". Only whole path segments matter: the query is never collapsed.
    private static bool HasDotSegment(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var pathStart = schemeEnd < 0 ? 0 : url.IndexOf('/', schemeEnd + 3);
        if (pathStart < 0)
        {
            return false;
        }

        var pathEnd = url.IndexOfAny(['?', '#'], pathStart);
        var path = url.AsSpan(pathStart, (pathEnd < 0 ? url.Length : pathEnd) - pathStart);
        foreach (var range in path.Split('/'))
        {
            if (path[range] is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static string DotSegmentName(string template, IReadOnlyDictionary<string, string> values)
    {
        string? first = null;
        foreach (Match match in PlaceholderRegex().Matches(template))
        {
            var name = match.Groups[1].Value;
            first ??= name;
            if (values.TryGetValue(name, out var value) && value.Length > 0 && value.All(c => c == '.'))
            {
                return name;
            }
        }

        return first ?? string.Empty;
    }

    /// <summary>The text with every placeholder replaced by <paramref name="replacement"/> (to parse a template).</summary>
    internal static string ReplaceAll(string text, string replacement) => PlaceholderRegex().Replace(text, replacement);

    private static string Lookup(Match match, IReadOnlyDictionary<string, string> values)
    {
        var name = match.Groups[1].Value;
        return values.TryGetValue(name, out var value) ? value : throw new MissingPlaceholderException(name);
    }

    private static void AddNames(string text, List<string> names)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match match in PlaceholderRegex().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
    }

    [GeneratedRegex(@"\{\{ *([A-Za-z_][A-Za-z0-9_]{0,63}) *\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();

    // Anything between double braces: what a person meant as a placeholder.
    [GeneratedRegex(@"\{\{[^{}]*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex CandidateRegex();
}
