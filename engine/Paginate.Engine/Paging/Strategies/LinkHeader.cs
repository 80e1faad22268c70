namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// An RFC 8288 <c>Link</c> header parser: several links per header and several headers, quoted and token
/// parameters, <c>rel</c> with several space-separated values (<c>rel="next last"</c>), odd spacing, and
/// commas or semicolons inside <c>&lt;URI&gt;</c> or quoted strings. Malformed parts are skipped, never thrown.
/// </summary>
internal static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> holds <paramref name="rel"/> (case-insensitive), or null.</summary>
    public static string? FindTarget(IEnumerable<string> headerValues, string rel)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        foreach (var value in headerValues)
        {
            foreach (var (target, rels) in Parse(value))
            {
                foreach (var r in rels)
                {
                    if (string.Equals(r, rel, StringComparison.OrdinalIgnoreCase))
                    {
                        return target;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Each link of one header value: its target and its relation types.</summary>
    public static IEnumerable<(string Target, string[] Rels)> Parse(string value)
    {
        var links = new List<(string, string[])>();
        var i = 0;
        while (i < value.Length)
        {
            // Find the next '<' that starts a link; anything else before it is noise.
            var start = value.IndexOf('<', i);
            if (start < 0)
            {
                break;
            }

            var end = value.IndexOf('>', start + 1);
            if (end < 0)
            {
                break;
            }

            var target = value[(start + 1)..end].Trim();
            i = end + 1;
            var rels = Array.Empty<string>();
            while (true)
            {
                SkipSpace(value, ref i);
                if (i >= value.Length || value[i] != ';')
                {
                    break;
                }

                i++;
                SkipSpace(value, ref i);
                var nameStart = i;
                while (i < value.Length && value[i] is not ('=' or ';' or ',') && !char.IsWhiteSpace(value[i]))
                {
                    i++;
                }

                var name = value[nameStart..i];
                SkipSpace(value, ref i);
                string? paramValue = null;
                if (i < value.Length && value[i] == '=')
                {
                    i++;
                    SkipSpace(value, ref i);
                    paramValue = ReadValue(value, ref i);
                }

                if (paramValue is not null && rels.Length == 0 && string.Equals(name, "rel", StringComparison.OrdinalIgnoreCase))
                {
                    // RFC 8288 §3.3: only the first rel parameter counts.
                    rels = paramValue.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                }
            }

            // Skip to the comma that ends this link (outside quotes).
            var inQuotes = false;
            while (i < value.Length && (inQuotes || value[i] != ','))
            {
                if (value[i] == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (value[i] == '\\' && inQuotes)
                {
                    i++;
                }

                i++;
            }

            if (target.Length > 0)
            {
                links.Add((target, rels));
            }
        }

        return links;
    }

    private static string ReadValue(string value, ref int i)
    {
        if (i < value.Length && value[i] == '"')
        {
            var sb = new System.Text.StringBuilder();
            i++;
            while (i < value.Length && value[i] != '"')
            {
                if (value[i] == '\\' && i + 1 < value.Length)
                {
                    i++;
                }

                sb.Append(value[i]);
                i++;
            }

            i = Math.Min(i + 1, value.Length);
            return sb.ToString();
        }

        var start = i;
        while (i < value.Length && value[i] is not (';' or ','))
        {
            i++;
        }

        return value[start..i].Trim();
    }

    private static void SkipSpace(string value, ref int i)
    {
        while (i < value.Length && char.IsWhiteSpace(value[i]))
        {
            i++;
        }
    }
}
