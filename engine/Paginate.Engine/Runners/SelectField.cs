using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Runners;

/// <summary>One <c>output_name:path</c> or <c>output_name:path:type</c> line of <c>shape.fields</c>, compiled.</summary>
internal sealed class SelectField
{
    private SelectField(string outputName, JsonPath path, FieldType type)
    {
        OutputName = outputName;
        EncodedName = JsonEncodedText.Encode(outputName);
        Path = path;
        Type = type;
    }

    /// <summary>The key written to the answer.</summary>
    public string OutputName { get; }

    /// <summary>The key, escaped once so each item's write does not re-escape it.</summary>
    public JsonEncodedText EncodedName { get; }

    /// <summary>Evaluated on each item.</summary>
    public JsonPath Path { get; }

    /// <summary>The declared type; <see cref="FieldType.None"/> when the line has none (the value is copied as is).</summary>
    public FieldType Type { get; }

    /// <summary>
    /// Splits at the FIRST <c>:</c> (name and the rest) and trims both sides. The rest ends with a type when its
    /// text after the LAST <c>:</c> is a type name. A dot path and one more <c>:</c> followed by another word
    /// (<c>amount:amount:numbr</c>) is a type nobody knows, so it is refused; a JSON Pointer path, or a path with
    /// more colons, may hold <c>:</c> in its keys (<c>title:/dc:title</c>), so there the word stays part of the
    /// path. On failure <paramref name="error"/> says what to write instead.
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

        if (!TrySplitType(line, ref pathText, out var type, out error))
        {
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

        field = new SelectField(name, path, type);
        return true;
    }

    private static bool TrySplitType(string line, ref string pathText, out FieldType type, [NotNullWhen(false)] out string? error)
    {
        type = FieldType.None;
        error = null;
        var last = pathText.LastIndexOf(':');
        if (last < 0)
        {
            return true;
        }

        var word = pathText[(last + 1)..].Trim();
        if (FieldTypes.TryParse(word, out type))
        {
            pathText = pathText[..last].Trim();
            return true;
        }

        // Only 'path:word' with a plain path and a plain word reads as a type attempt; anything with more colons
        // or a pointer is a v1 path whose keys hold ':' ('b:/x:y', '/dc:title') and stays one.
        var before = pathText[..last];
        if (before.StartsWith('/') || before.Contains(':', StringComparison.Ordinal) || word.Length == 0 || !word.All(char.IsAsciiLetter))
        {
            return true;
        }

        error = $"'{line}' has an unknown type '{word}'; use one of: {string.Join(", ", FieldTypes.All)} (write a key holding ':' as a JSON Pointer, e.g. '/dc:title')";
        return false;
    }
}
