namespace Paginate.Engine.Runners;

/// <summary>What a header name or value may be in a runner (forwarded, static, or a pagination parameter).</summary>
internal static class HeaderRules
{
    /// <summary>The gateway's own access header: checked at the gateway, never sent upstream.</summary>
    public const string AccessTokenHeader = "x-clay-paginate-token";

    private static readonly HashSet<string> s_credentialNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "Api-Key",
    };

    private static readonly string[] s_credentialWords = ["token", "secret", "password", "key"];

    // Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; Host and Content-Length are set per request.
    private static readonly HashSet<string> s_restricted = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Host", "Content-Length",
    };

    /// <summary>RFC 9110 token: letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name that carries a credential (CONTRACT §1 static_headers).</summary>
    public static bool IsCredentialName(string name) =>
        s_credentialNames.Contains(name)
        || s_credentialWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Hop-by-hop, Host, Content-Length.</summary>
    public static bool IsRestricted(string name) => s_restricted.Contains(name);

    public static bool IsAccessToken(string name) => string.Equals(name, AccessTokenHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>No CR, LF, NUL or other control characters except tab (RFC 9110 field-value).</summary>
    public static bool IsValidValue(string value)
    {
        foreach (var c in value)
        {
            if ((char.IsControl(c) && c != '\t') || c == '\u007f')
            {
                return false;
            }
        }

        return true;
    }

    public const string AllowedNameCharacters = "letters, digits and !#$%&'*+-.^_`|~";
}
