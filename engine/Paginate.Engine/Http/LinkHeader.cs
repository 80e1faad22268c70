namespace Paginate.Engine.Http;

/// <summary>
/// The one RFC 8288 <c>Link</c> header parser, used by the <c>link_header</c> style and by a script's
/// <c>response.header.getNextLink()</c>/<c>getLastLink()</c>. Handles several links per header and several
/// headers, quoted and token parameters, <c>rel</c> with several space-separated values
/// (<c>rel="next last"</c>, any case), optional whitespace, and commas or semicolons inside <c>&lt;URI&gt;</c>
/// or quoted strings.
/// </summary>
/// <remarks>
/// Broken input never becomes a target: a target holding whitespace, a control character or <c>"</c> is not
/// a URI reference, so its entry is skipped; a <c>&lt;</c> inside a target means the earlier link was never
/// closed, so parsing restarts at that inner <c>&lt;</c>; an unclosed target or quoted string ends the
/// parse. Nothing here throws: a malformed header only means fewer links.
/// </remarks>
internal static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> holds <paramref name="rel"/> (case-insensitive), or null.</summary>
    public static string? FindTarget(IEnumerable<string> headerValues, string rel)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        foreach (var value in headerValues)
        {
            if (Find(value, rel) is { } target)
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>The target of the first link of one header value whose <c>rel</c> holds <paramref name="rel"/>, or null.</summary>
    public static string? Find(string? headerValue, string rel)
    {
        ArgumentNullException.ThrowIfNull(rel);
        foreach (var link in Parse(headerValue))
        {
            foreach (var r in link.Rels)
            {
                if (string.Equals(r, rel, StringComparison.OrdinalIgnoreCase))
                {
                    return link.Target;
                }
            }
        }

        return null;
    }

    /// <summary>Each well-formed link of one header value, in order.</summary>
    public static IReadOnlyList<LinkValue> Parse(string? value)
    {
        var links = new List<LinkValue>();
        if (string.IsNullOrEmpty(value))
        {
            return links;
        }

        var i = 0;
        while (i < value.Length)
        {
            SkipSeparators(value, ref i);
            if (i >= value.Length)
            {
                break;
            }

            if (value[i] != '<')
            {
                // Not a link-value: skip to the next element of the list.
                if (!SkipToNextElement(value, ref i))
                {
                    break;
                }

                continue;
            }

            var close = value.IndexOf('>', i + 1);
            if (close < 0)
            {
                break;
            }

            var inner = value.IndexOf('<', i + 1, close - i - 1);
            if (inner >= 0)
            {
                // "<a, <b>": the first target was never closed; the real link starts at the inner '<'.
                i = inner;
                continue;
            }

            var target = value[(i + 1)..close].Trim();
            i = close + 1;
            if (!ReadParameters(value, ref i, out var rels))
            {
                break;
            }

            if (target.Length > 0 && IsUriReference(target))
            {
                links.Add(new LinkValue(target, rels));
            }
        }

        return links;
    }

    /// <summary>
    /// Reads <c>*( OWS ";" OWS link-param )</c> up to the comma that ends the link. False when the header ends
    /// inside a quoted string: nothing after that point can be trusted.
    /// </summary>
    private static bool ReadParameters(string value, ref int i, out string[] rels)
    {
        rels = [];
        var relSeen = false;
        while (true)
        {
            SkipSpace(value, ref i);
            if (i >= value.Length || value[i] == ',')
            {
                return true;
            }

            if (value[i] != ';')
            {
                // Junk between parameters: the rest of this link is skipped; its target and rel so far stand.
                SkipToNextElement(value, ref i);
                return true;
            }

            i++;
            SkipSpace(value, ref i);
            var nameStart = i;
            while (i < value.Length && IsTokenChar(value[i]))
            {
                i++;
            }

            var name = value[nameStart..i];
            SkipSpace(value, ref i);
            string? parameter = null;
            if (i < value.Length && value[i] == '=')
            {
                i++;
                SkipSpace(value, ref i);
                if (i < value.Length && value[i] == '"')
                {
                    if (!ReadQuoted(value, ref i, out parameter))
                    {
                        return false;
                    }
                }
                else
                {
                    var start = i;
                    while (i < value.Length && value[i] is not (';' or ',' or '"') && !char.IsWhiteSpace(value[i]))
                    {
                        i++;
                    }

                    parameter = value[start..i];
                }
            }

            if (string.Equals(name, "rel", StringComparison.OrdinalIgnoreCase) && !relSeen)
            {
                // RFC 8288 §3.3: only the first rel parameter of a link counts.
                relSeen = true;
                rels = (parameter ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            }
        }
    }

    /// <summary>An RFC 9110 quoted-string starting at <paramref name="i"/>; a backslash escapes the next character.</summary>
    private static bool ReadQuoted(string value, ref int i, out string? text)
    {
        var builder = new System.Text.StringBuilder();
        i++;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '"')
            {
                i++;
                text = builder.ToString();
                return true;
            }

            if (c == '\\' && i + 1 < value.Length)
            {
                i++;
                c = value[i];
            }

            builder.Append(c);
            i++;
        }

        text = null;
        return false;
    }

    /// <summary>Moves past the next comma outside a quoted string. False when there is none.</summary>
    private static bool SkipToNextElement(string value, ref int i)
    {
        var inQuotes = false;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == ',' && !inQuotes)
            {
                i++;
                return true;
            }
        }

        return false;
    }

    // A URI reference (RFC 3986) holds no whitespace, control character, '<' or '"'; such text is not a link.
    private static bool IsUriReference(string target)
    {
        foreach (var c in target)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '"')
            {
                return false;
            }
        }

        return true;
    }

    // RFC 9110 tchar.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static void SkipSpace(string value, ref int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static void SkipSeparators(string value, ref int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t' or ',')
        {
            i++;
        }
    }
}
