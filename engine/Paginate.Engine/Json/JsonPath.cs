using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Paginate.Engine.Json;

/// <summary>
/// A compiled path into a JSON document (CONTRACT §1 "Paths"): dot notation with indexes
/// (<c>data.items</c>, <c>data[0].id</c>, <c>data[-1].id</c>), a JSON Pointer when it starts with <c>/</c>,
/// <c>$last_item.</c> to evaluate on the last item of the page, and <c>""</c> for the document itself.
/// Parsed once when a runner loads; evaluation allocates nothing.
/// </summary>
/// <remarks>
/// Keys holding <c>.</c>, <c>[</c>, <c>]</c> or whitespace are written as a JSON Pointer
/// (<c>/@odata.nextLink</c>). A leading <c>$.</c> (or a lone <c>$</c>) is accepted as the document root, for
/// people used to JSONPath.
/// </remarks>
public sealed class JsonPath
{
    /// <summary>The prefix of paths evaluated on the last item of the current page.</summary>
    public const string LastItemPrefix = "$last_item";

    private readonly JsonPathSegment[] _segments;

    private JsonPath(string text, JsonPathSegment[] segments, bool isLastItem)
    {
        Text = text;
        _segments = segments;
        IsLastItem = isLastItem;
    }

    /// <summary>The path <c>""</c>: the document itself.</summary>
    public static JsonPath Document { get; } = new(string.Empty, [], isLastItem: false);

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>True for <c>$last_item.</c> paths: evaluated on the last item of the current page.</summary>
    public bool IsLastItem { get; }

    /// <summary>True when the path selects the whole document (<c>""</c>, <c>$</c>).</summary>
    public bool IsDocument => _segments.Length == 0 && !IsLastItem;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        var start = 0;
        var isLastItem = false;

        if (text.StartsWith(LastItemPrefix, StringComparison.Ordinal))
        {
            isLastItem = true;
            start = LastItemPrefix.Length;
            if (start < text.Length)
            {
                if (text[start] == '.')
                {
                    start++;
                    if (start == text.Length)
                    {
                        error = Fail(text, "expected a path after '$last_item.'", start);
                        return false;
                    }
                }
                else if (text[start] != '[')
                {
                    error = Fail(text, "expected '.' after '$last_item'", start);
                    return false;
                }
            }
        }
        else if (text == "$")
        {
            start = 1;
        }
        else if (text.StartsWith("$.", StringComparison.Ordinal) || text.StartsWith("$[", StringComparison.Ordinal))
        {
            start = text[1] == '.' ? 2 : 1;
            if (start == text.Length)
            {
                error = Fail(text, "expected a key after '.'", start);
                return false;
            }
        }

        var segments = new List<JsonPathSegment>();
        if (start < text.Length && text[start] == '/')
        {
            if (!ParsePointer(text, start, segments, out error))
            {
                return false;
            }
        }
        else if (!ParseDots(text, start, segments, out error))
        {
            return false;
        }

        path = segments.Count == 0 && !isLastItem && text.Length == 0 ? Document : new JsonPath(text, [.. segments], isLastItem);
        return true;
    }

    /// <summary>Parses a path known to be valid (tests, defaults); throws <see cref="FormatException"/> otherwise.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Evaluates on a page body (and its last item for <c>$last_item.</c> paths). False when missing.</summary>
    public bool TryGet(JsonElement document, JsonElement? lastItem, out JsonElement value)
    {
        if (IsLastItem)
        {
            if (lastItem is not { } item)
            {
                value = default;
                return false;
            }

            return TryGetFrom(item, out value);
        }

        return TryGetFrom(document, out value);
    }

    /// <summary>
    /// Walks the path from <paramref name="start"/>, ignoring the <c>$last_item</c> prefix (the caller passes the
    /// item). Used for select fields, which are evaluated on each item.
    /// </summary>
    public bool TryGetFrom(JsonElement start, out JsonElement value) => TryGetFrom(start, 0, out value);

    /// <summary>The steps of the path (a page scan follows them without a document).</summary>
    internal ReadOnlySpan<JsonPathSegment> Segments => _segments;

    /// <summary>Walks the path from <paramref name="start"/>, skipping its first <paramref name="skip"/> steps (already taken by a scan).</summary>
    internal bool TryGetFrom(JsonElement start, int skip, out JsonElement value)
    {
        var current = start;
        foreach (ref readonly var segment in _segments.AsSpan(skip))
        {
            if (!segment.TryStep(current, out current))
            {
                value = default;
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>"path 'data.items' found a string, expected an array": for errors about what a path selected.</summary>
    public string DescribeMismatch(JsonValueKind found, string expected) =>
        $"path '{Text}' found {DescribeKind(found)}, expected {expected}";

    /// <summary>A JSON value kind as words: "an array", "a string", "null", "nothing" (missing).</summary>
    public static string DescribeKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public override string ToString() => Text;

    private static bool ParseDots(string text, int start, List<JsonPathSegment> segments, [NotNullWhen(false)] out string? error)
    {
        var i = start;
        if (i == text.Length)
        {
            error = null;
            return true;
        }

        while (true)
        {
            // A segment is an optional name followed by any number of [index]; the very first may omit the name.
            if (text[i] != '[')
            {
                var nameStart = i;
                while (i < text.Length && text[i] is not ('.' or '[' or ']') && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i == nameStart)
                {
                    error = i < text.Length && char.IsWhiteSpace(text[i])
                        ? Fail(text, "unexpected whitespace (write keys with spaces as a JSON Pointer, e.g. '/my key')", i)
                        : Fail(text, "expected a key", i);
                    return false;
                }

                if (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ']'))
                {
                    error = char.IsWhiteSpace(text[i])
                        ? Fail(text, "unexpected whitespace (write keys with spaces as a JSON Pointer, e.g. '/my key')", i)
                        : Fail(text, "unexpected ']'", i);
                    return false;
                }

                segments.Add(JsonPathSegment.Property(text[nameStart..i]));
            }
            else if (i != start && text[i - 1] == '.')
            {
                error = Fail(text, "expected a key", i);
                return false;
            }

            while (i < text.Length && text[i] == '[')
            {
                i++;
                var digitsStart = i;
                if (i < text.Length && text[i] == '-')
                {
                    i++;
                }

                var firstDigit = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i == firstDigit)
                {
                    error = Fail(text, "expected an index", i);
                    return false;
                }

                if (!int.TryParse(text.AsSpan(digitsStart, i - digitsStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                {
                    error = Fail(text, "index out of range", digitsStart);
                    return false;
                }

                if (i == text.Length || text[i] != ']')
                {
                    error = Fail(text, "expected ']'", i);
                    return false;
                }

                i++;
                segments.Add(JsonPathSegment.Index(index));
            }

            if (i == text.Length)
            {
                error = null;
                return true;
            }

            if (text[i] != '.')
            {
                error = Fail(text, "expected '.' or '['", i);
                return false;
            }

            i++;
            if (i == text.Length)
            {
                error = Fail(text, "expected a key after '.'", i);
                return false;
            }
        }
    }

    private static bool ParsePointer(string text, int start, List<JsonPathSegment> segments, [NotNullWhen(false)] out string? error)
    {
        // One RFC 6901 reading for the whole engine: "/a/b~1c" is ["a", "b/c"]; '~' must be followed by 0 or 1.
        if (!JsonPointer.TryParse(text, start, out var pointer, out var what, out var position))
        {
            error = Fail(text, what, position);
            return false;
        }

        foreach (var token in pointer.Tokens)
        {
            segments.Add(JsonPathSegment.Token(token));
        }

        error = null;
        return true;
    }

    private static string Fail(string text, string what, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"path '{text}': {what} at position {position}");
}
