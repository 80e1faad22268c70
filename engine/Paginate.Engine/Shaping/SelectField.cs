using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Shaping;

/// <summary>One <c>output_name:path</c> line of <c>shape.fields</c>, compiled.</summary>
internal sealed class SelectField
{
    private SelectField(string outputName, JsonPath path)
    {
        OutputName = outputName;
        EncodedName = JsonEncodedText.Encode(outputName);
        Path = path;
    }

    /// <summary>The key written to the answer.</summary>
    public string OutputName { get; }

    /// <summary>The key, escaped once so each item's write does not re-escape it.</summary>
    public JsonEncodedText EncodedName { get; }

    /// <summary>Evaluated on each item.</summary>
    public JsonPath Path { get; }

    /// <summary>
    /// Splits at the FIRST <c>:</c> (a JSON Pointer path may hold more) and trims both sides.
    /// On failure <paramref name="error"/> says what to write instead.
    /// </summary>
    public static bool TryParse(string? line, [NotNullWhen(true)] out SelectField? field, [NotNullWhen(false)] out string? error)
    {
        field = null;
        if (string.IsNullOrWhiteSpace(line))
        {
            error = "is empty; write 'output_name:path', e.g. 'email:attributes.email'";
            return false;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = $"'{line}' has no ':'; write 'output_name:path', e.g. '{line.Trim()}:{line.Trim()}'";
            return false;
        }

        var name = line[..colon].Trim();
        var pathText = line[(colon + 1)..].Trim();
        if (name.Length == 0)
        {
            error = $"'{line}' has an empty output name; write 'output_name:path'";
            return false;
        }

        if (pathText.Length == 0)
        {
            error = $"'{line}' has an empty path; write 'output_name:path'";
            return false;
        }

        if (!JsonPath.TryParse(pathText, out var path, out error))
        {
            return false;
        }

        if (path.IsLastItem)
        {
            error = $"'{line}': select paths are read from each item; '{JsonPath.LastItemPrefix}' does not apply";
            return false;
        }

        field = new SelectField(name, path);
        return true;
    }
}
