using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Hosting;

namespace Paginate.ConfigAdmin.Tokens;

/// <summary>
/// Which addresses may receive a token: a plain <c>local@domain</c> address (no display name, no
/// whitespace, no second <c>@</c>) whose domain equals an allowed domain exactly, ignoring case.
/// Subdomains and look-alikes (<c>clay.com.evil.io</c>, <c>evilclay.com</c>) are refused.
/// </summary>
internal sealed partial class TokenEmailPolicy(IOptions<AdminOptions> options)
{
    private readonly IReadOnlyList<string> _domains = options.Value.EffectiveTokenEmailDomains;

    public IReadOnlyList<string> Domains => _domains;

    /// <summary>Null when allowed, else why not (never repeating the address).</summary>
    public string? Check(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "is required.";
        }

        if (email.Length > 254 || !Address().IsMatch(email))
        {
            return "must be a plain email address such as name@clay.com (no display name, no spaces).";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at > 64)
        {
            return "has a local part longer than 64 characters.";
        }

        var domain = email[(at + 1)..];
        return _domains.Any(d => string.Equals(d.Trim(), domain, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"must be an address at {string.Join(" or ", _domains)}.";
    }

    /// <summary>The address as shown back: first letter of the local part, then <c>***</c>, then the domain.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return $"{email[0]}***@{email[(at + 1)..].ToLowerInvariant()}";
    }

    // Dot-atom local part and a dotted domain of letters, digits and hyphens: nothing else passes.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
