using System.Text.Json;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>Small JSON and URL readers the detectors share.</summary>
internal static class DetectorJson
{
    private static readonly string[] HasMoreNames = ["has_more", "hasMore", "has_next", "hasNext", "more", "has_next_page", "hasNextPage"];

    public static bool TryGet(JsonElement element, out JsonElement value, params string[] path)
    {
        value = element;
        foreach (var segment in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A dotted container name as path segments; <c>""</c> is the body itself.</summary>
    public static string[] Split(string container) => container.Length == 0 ? [] : container.Split('.');

    public static bool LooksLikeLink(string? text) =>
        !string.IsNullOrEmpty(text) && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith('/') || text.StartsWith('?'));

    /// <summary>The name of a boolean "more pages follow" flag in <paramref name="scope"/>, or null.</summary>
    public static string? FindHasMore(JsonElement scope) =>
        HasMoreNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False);

    /// <summary>The query parameter names of <paramref name="url"/> (values are never looked at).</summary>
    public static HashSet<string> QueryNames(string? url)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var question = url?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (question < 0)
        {
            return names;
        }

        foreach (var pair in url![(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=')[0];
            names.Add(Uri.UnescapeDataString(name));
        }

        return names;
    }
}
