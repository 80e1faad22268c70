using System.Net;
using System.Net.Sockets;

namespace Paginate.Engine.Upstream;

/// <summary>
/// Which upstream addresses a runner may reach. Refuses everything that is not a routable public unicast
/// address: private, loopback, link-local, CGNAT, unique-local, multicast, unspecified, documentation and
/// benchmark ranges, and cloud metadata endpoints (the gateway and the admin's dry runs share this rule); IPv6 forms that carry an IPv4 address (mapped, NAT64,
/// 6to4) are judged by the IPv4 address inside.
/// </summary>
public static class UpstreamAddressPolicy
{
    private static readonly IPNetwork[] BlockedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // CGNAT (also Alibaba's metadata 100.100.100.200)
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, AWS/GCP/Azure metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments (Oracle metadata 192.0.0.192)
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.88.99.0/24"),   // 6to4 relay anycast
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved and broadcast
        IPNetwork.Parse("168.63.129.16/32"), // Azure wire server (a public address used as metadata)
    ];

    private static readonly IPNetwork[] BlockedV6 =
    [
        IPNetwork.Parse("::/96"),           // unspecified, loopback and IPv4-compatible (deprecated)
        IPNetwork.Parse("100::/64"),        // discard-only
        IPNetwork.Parse("2001:db8::/32"),   // documentation
        IPNetwork.Parse("fc00::/7"),        // unique-local (AWS metadata fd00:ec2::254)
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Nat64Local = IPNetwork.Parse("64:ff9b:1::/48");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>True when a runner must not connect to <paramref name="address"/>.</summary>
    public static bool IsBlocked(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsBlockedV4(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsBlockedV4(address.MapToIPv4());
        }

        if (Nat64Local.Contains(address))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Nat64.Contains(address))
        {
            return IsBlockedV4(new IPAddress(bytes[12..]));
        }

        if (SixToFour.Contains(address))
        {
            return IsBlockedV4(new IPAddress(bytes[2..6]));
        }

        foreach (var network in BlockedV6)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlockedV4(IPAddress address)
    {
        foreach (var network in BlockedV4)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
