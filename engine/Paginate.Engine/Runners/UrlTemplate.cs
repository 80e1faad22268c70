using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Paginate.Engine.Runners;

/// <summary>Checks of <c>request.url</c>, a URL with <c>{{name}}</c> placeholders in its path and query.</summary>
internal static class UrlTemplate
{
    /// <summary>
    /// Parses the template with each placeholder replaced by a neutral value. Errors name what to change; they do not
    /// echo the URL, whose query may hold a literal key.
    /// Placeholders may not touch the scheme or the authority: the host must be literal so the origin is known
    /// before any value arrives.
    /// </summary>
    public static bool TryParse(string url, bool allowPrivate, [NotNullWhen(true)] out Uri? uri, List<string> errors)
    {
        uri = null;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var authorityStart = schemeEnd + 3;
            var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
            var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
            if (url.AsSpan(0, schemeEnd).Contains("{{", StringComparison.Ordinal) || authority.Contains("{{", StringComparison.Ordinal))
            {
                errors.Add("has a placeholder in its scheme, host or port: placeholders are allowed in the path and query only; the scheme and host must be literal so the origin is known");
                return false;
            }
        }

        var neutral = Placeholders.ReplaceAll(url, "p");
        if (!Uri.TryCreate(neutral, UriKind.Absolute, out var parsed) || parsed.IsFile || parsed.IsUnc || string.IsNullOrEmpty(parsed.Host))
        {
            errors.Add("is not an absolute URL; write e.g. 'https://api.example.com/v1/items'");
            return false;
        }

        var ok = true;
        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowPrivate && parsed.Scheme == Uri.UriSchemeHttp))
        {
            errors.Add(allowPrivate
                ? $"must use https or http, not '{parsed.Scheme}'"
                : $"must use https, not '{parsed.Scheme}' (http is allowed only where the deployment allows private upstreams)");
            ok = false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            errors.Add("must not hold a user name or password; list the credential header in forward_headers instead");
            ok = false;
        }

        if (parsed.Fragment.Length > 0)
        {
            errors.Add("has a fragment ('#...'); fragments are never sent to the server, remove it");
            ok = false;
        }

        if (!allowPrivate && IsPrivateHost(parsed))
        {
            errors.Add($"has host '{parsed.Host}', a loopback, private or link-local address; upstreams must be public (private ones only where the deployment allows them)");
            ok = false;
        }

        uri = ok ? parsed : null;
        return ok;
    }

    /// <summary>Scheme, host and port of a URL (the origin next links must keep).</summary>
    public static Uri Origin(Uri uri) => new(uri.GetLeftPart(UriPartial.Authority) + "/");

    // Only literal addresses and localhost names are judged here; names are resolved and checked again where the
    // gateway connects, since DNS can change after validation.
    private static bool IsPrivateHost(Uri uri)
    {
        var host = uri.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0;
    }
}
