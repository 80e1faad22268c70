namespace Paginate.Engine.Scripting;

/// <summary>Finds a relation's target in an RFC 8288 <c>Link</c> header: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
internal static class ScriptLinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> (a space-separated list) holds <paramref name="relation"/>.</summary>
    public static string? Find(string? header, string relation)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        int i = 0;
        while (i < header.Length)
        {
            int open = header.IndexOf('<', i);
            if (open < 0)
            {
                return null;
            }

            int close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            string target = header[(open + 1)..close].Trim();
            i = close + 1;
            bool matches = false;
            bool relSeen = false;
            // Parameters run until a comma outside quotes.
            while (i < header.Length && header[i] != ',')
            {
                if (header[i] != ';')
                {
                    i++;
                    continue;
                }

                i++;
                int nameStart = i;
                while (i < header.Length && header[i] is not ('=' or ';' or ','))
                {
                    i++;
                }

                string name = header[nameStart..i].Trim();
                string value = string.Empty;
                if (i < header.Length && header[i] == '=')
                {
                    i++;
                    while (i < header.Length && header[i] == ' ')
                    {
                        i++;
                    }

                    if (i < header.Length && header[i] == '"')
                    {
                        // Quoted string (RFC 9110): a backslash escapes the next character.
                        var quoted = new System.Text.StringBuilder();
                        i++;
                        while (i < header.Length && header[i] != '"')
                        {
                            if (header[i] == '\\' && i + 1 < header.Length)
                            {
                                i++;
                            }

                            quoted.Append(header[i]);
                            i++;
                        }

                        value = quoted.ToString();
                        i = Math.Min(i + 1, header.Length);
                    }
                    else
                    {
                        int valueStart = i;
                        while (i < header.Length && header[i] is not (';' or ','))
                        {
                            i++;
                        }

                        value = header[valueStart..i].Trim();
                    }
                }

                // RFC 8288 §3.3: only the first rel parameter of a link counts.
                if (name.Equals("rel", StringComparison.OrdinalIgnoreCase) && !relSeen
                    && value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals(relation, StringComparison.OrdinalIgnoreCase)))
                {
                    matches = true;
                }

                relSeen |= name.Equals("rel", StringComparison.OrdinalIgnoreCase);
            }

            if (matches)
            {
                return target;
            }

            i++;
        }

        return null;
    }
}
