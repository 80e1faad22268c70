using System.Net;
using Microsoft.Extensions.Primitives;

namespace Paginate.Gateway.Access;

/// <summary>
/// Finds the client address: the TCP peer, or, only when the peer is a trusted proxy, the right-most
/// <c>X-Forwarded-For</c> entry that is not itself a trusted proxy. Entries left of that one were written
/// by the client (or by proxies we do not know) and are never believed.
/// </summary>
internal sealed class ClientAddressResolver
{
    private readonly NetworkList _trustedProxies;

    public ClientAddressResolver(NetworkList trustedProxies) => _trustedProxies = trustedProxies;

    /// <summary>The client address, or null when a trusted proxy sent an entry that is not an address.</summary>
    public IPAddress? Resolve(IPAddress? peer, StringValues forwardedFor)
    {
        if (peer is null)
        {
            return null;
        }

        var current = NetworkList.Normalize(peer);
        if (_trustedProxies.IsEmpty || !_trustedProxies.Contains(current))
        {
            return current;
        }

        // Walk the entries right to left: each hop was added by the proxy to its right, which we trust
        // as long as it is a trusted proxy itself.
        for (var v = forwardedFor.Count - 1; v >= 0; v--)
        {
            var header = forwardedFor[v].AsSpan();
            while (header.Length > 0)
            {
                var comma = header.LastIndexOf(',');
                var entry = (comma < 0 ? header : header[(comma + 1)..]).Trim();
                header = comma < 0 ? [] : header[..comma];
                if (entry.IsEmpty)
                {
                    continue;
                }

                if (!TryParseEntry(entry, out var address))
                {
                    return null;
                }

                current = NetworkList.Normalize(address);
                if (!_trustedProxies.Contains(current))
                {
                    return current;
                }
            }
        }

        // Every hop is a trusted proxy: the left-most one is the closest thing to a client we have.
        return current;
    }

    /// <summary>Accepts <c>1.2.3.4</c>, <c>1.2.3.4:5678</c>, <c>2001:db8::1</c> and <c>[2001:db8::1]:443</c>.</summary>
    private static bool TryParseEntry(ReadOnlySpan<char> entry, out IPAddress address)
    {
        if (IPAddress.TryParse(entry, out address!))
        {
            return true;
        }

        if (IPEndPoint.TryParse(entry, out var endPoint))
        {
            address = endPoint.Address;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
