using System.Text.RegularExpressions;

namespace Paginate.ConfigAdmin.Notes;

/// <summary>
/// Says whether a note looks like it holds a credential. Notes are shown to everyone who manages runners,
/// so a pasted key is refused, with a reason that names the kind of secret (never the matched text).
/// </summary>
internal static partial class CredentialDetector
{
    private const int MinRandomLength = 24;
    private const double MinEntropyBits = 3.7;

    private static readonly (Regex Pattern, string Reason)[] Rules =
    [
        (AuthorizationValue(), "looks like an Authorization header value (Bearer/Basic credentials)"),
        (StripeKey(), "looks like a Stripe-style API key (sk_/rk_/pk_ live or test)"),
        (GitHubToken(), "looks like a GitHub token"),
        (SlackToken(), "looks like a Slack token"),
        (AwsKey(), "looks like an AWS access key id"),
        (Jwt(), "looks like a JSON Web Token"),
        (PaginateToken(), "looks like a Paginate runner token (cpt_...)"),
        (PrivateKey(), "contains a private key"),
        (KeyValue(), "looks like a credential assignment (key=, token=, password=, secret=...)"),
        (UrlCredentials(), "contains a URL with a user name and password"),
    ];

    /// <summary>Null when the note looks safe, else the reason it was refused.</summary>
    public static string? Check(string note)
    {
        foreach (var (pattern, reason) in Rules)
        {
            if (pattern.IsMatch(note))
            {
                return reason;
            }
        }

        foreach (Match word in Word().Matches(note))
        {
            if (LooksRandom(word.Value))
            {
                return "contains a long random-looking string (a key or token?)";
            }
        }

        return null;
    }

    /// <summary>
    /// A long word of key characters with high Shannon entropy and a mix of character classes. Plain words,
    /// snake_case names and runner ids (lower-case letters and digits only) stay below the bar.
    /// </summary>
    internal static bool LooksRandom(string word)
    {
        if (word.Length < MinRandomLength)
        {
            return false;
        }

        var classes = (word.Any(char.IsAsciiLetterLower) ? 1 : 0) + (word.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (word.Any(char.IsAsciiDigit) ? 1 : 0);
        var isHex = word.All(char.IsAsciiHexDigit) && word.Any(char.IsAsciiDigit) && word.Any(char.IsAsciiLetter);
        if (isHex)
        {
            return word.Length >= 32 && Entropy(word) >= 3.0;
        }

        return classes >= 3 && Entropy(word) >= MinEntropyBits;
    }

    internal static double Entropy(string text)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in text)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        double entropy = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / text.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    [GeneratedRegex(@"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{8,}")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\bcpt_[A-Za-z0-9_-]{16,}")]
    private static partial Regex PaginateToken();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    // key=..., api_key: "...", password = ... with a value of 6+ non-space characters.
    [GeneratedRegex(@"\b(api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|key|token|access[_-]?token|auth[_-]?token|secret|password|passwd|pwd)\s*[=:]\s*[""']?[^\s""']{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"[A-Za-z0-9+/=_\-]+")]
    private static partial Regex Word();
}
