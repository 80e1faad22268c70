using System.Net;
using System.Text;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Upstream;

/// <summary>
/// Removes a run's secrets (placeholder values, forwarded header values) from text that may be shown,
/// e.g. an upstream error body that echoes the API key it was sent. Each secret is masked in every form
/// it may travel in: as sent, percent-encoded (upper- and lower-case hex, <c>%20</c> or <c>+</c> for a
/// space), JSON-escaped, and for <c>Basic</c> credentials the decoded <c>user:password</c> and password.
/// </summary>
internal static class SecretMask
{
    public const string Mask = "***";

    public static string Apply(string text, RunRequest run) => Apply(text, Secrets(run).ToList());

    /// <summary>Masks <paramref name="secrets"/> (from <see cref="Secrets"/>, longest first) in <paramref name="text"/>.</summary>
    public static string Apply(string text, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// Masks, THEN cuts <paramref name="text"/> to at most <paramref name="maxBytes"/> UTF-8 bytes (at a
    /// character boundary). When the text was cut (here, or already when it was read: <paramref name="readWasCut"/>),
    /// an ending that is the start of a secret is masked too: the rest of that secret is gone, its first
    /// characters must not stay.
    /// </summary>
    public static string ApplyAndTruncate(string text, IReadOnlyList<string> secrets, int maxBytes, bool readWasCut)
    {
        var masked = Apply(text, secrets);
        if (Encoding.UTF8.GetByteCount(masked) > maxBytes)
        {
            var bytes = Encoding.UTF8.GetBytes(masked);
            var length = maxBytes;
            while (length > 0 && (bytes[length] & 0xC0) == 0x80)
            {
                length--;
            }

            masked = Encoding.UTF8.GetString(bytes, 0, length);
        }
        else if (!readWasCut)
        {
            return masked;
        }

        foreach (var secret in secrets)
        {
            for (var k = Math.Min(secret.Length - 1, masked.Length); k > 0; k--)
            {
                if (masked.AsSpan().EndsWith(secret.AsSpan(0, k), StringComparison.Ordinal))
                {
                    masked = string.Concat(masked.AsSpan(0, masked.Length - k), Mask);
                    break;
                }
            }
        }

        return masked;
    }

    /// <summary>Every secret of a run in the forms it may travel in, longest first.</summary>
    public static IEnumerable<string> Secrets(RunRequest run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in run.Values.Values)
        {
            AddForms(set, value);
        }

        foreach (var header in run.ForwardedHeaders)
        {
            AddForms(set, header.Value);

            // "Bearer abc": the credential part alone may be echoed.
            var space = header.Value.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && space < header.Value.Length - 1)
            {
                var credential = header.Value[(space + 1)..].Trim();
                AddForms(set, credential);
                if (header.Value.AsSpan(0, space).Equals("Basic", StringComparison.OrdinalIgnoreCase))
                {
                    AddBasicForms(set, credential);
                }
            }
        }

        return set.OrderByDescending(s => s.Length);
    }

    /// <summary>The decoded <c>user:password</c> of Basic credentials, and the password alone.</summary>
    private static void AddBasicForms(HashSet<string> set, string credential)
    {
        var decoded = new byte[credential.Length];
        if (!Convert.TryFromBase64String(credential, decoded, out var written))
        {
            return;
        }

        var pair = Encoding.UTF8.GetString(decoded, 0, written);
        AddForms(set, pair);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && colon < pair.Length - 1)
        {
            AddForms(set, pair[(colon + 1)..]);
        }
    }

    private static void AddForms(HashSet<string> set, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        set.Add(value);
        set.Add(System.Text.Json.JsonEncodedText.Encode(value).ToString());

        // Percent-encoding: RFC 3986 (upper-case hex, %20), its lower-case twin, and form encoding (+ for a space).
        var escaped = Uri.EscapeDataString(value);
        set.Add(escaped);
        set.Add(LowerHex(escaped));
        var form = escaped.Replace("%20", "+", StringComparison.Ordinal);
        set.Add(form);
        set.Add(LowerHex(form));
        set.Add(WebUtility.UrlEncode(value));
    }

    /// <summary>The same percent-encoding with lower-case hex digits (<c>%2f</c> for <c>%2F</c>).</summary>
    private static string LowerHex(string escaped)
    {
        var chars = escaped.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] == '%')
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
                i += 2;
            }
        }

        return new string(chars);
    }
}
