using System.Text;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Writes a path in the runner's notation: dot notation when every segment is a plain name, else a JSON
/// Pointer (a name such as <c>@odata.nextLink</c> holds a dot and cannot be written with dots).
/// </summary>
internal static class PathText
{
    public static string Of(IEnumerable<string> segments)
    {
        var list = segments.ToList();
        if (list.All(IsPlain))
        {
            return string.Join('.', list);
        }

        var pointer = new StringBuilder();
        foreach (var segment in list)
        {
            pointer.Append('/').Append(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return pointer.ToString();
    }

    public static string Of(params string[] segments) => Of((IEnumerable<string>)segments);

    private static bool IsPlain(string segment) =>
        segment.Length > 0 && !char.IsAsciiDigit(segment[0]) && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
