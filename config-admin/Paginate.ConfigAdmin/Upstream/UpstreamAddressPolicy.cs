using System.Net;
using System.Net.Sockets;

namespace Paginate.ConfigAdmin.Upstream;

/// <summary>
/// Which addresses a dry run or detection may reach: the gateway's rule. Only routable public unicast
/// addresses; private, loopback, link-local, CGNAT, unique-local, multicast, reserved and metadata
/// addresses are refused. IPv6 forms carrying an IPv4 address are judged by that address.
/// </summary>
internal static class UpstreamAddressPolicy
{
    private static readonly IPNetwork[] BlockedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),    // CGNAT, also a metadata address
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("168.63.129.16/32"), // Azure wire server
    ];

    private static readonly IPNetwork[] BlockedV6 =
    [
        IPNetwork.Parse("::/96"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("64:ff9b:1::/48"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsBlocked(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        switch (address.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                return Array.Exists(BlockedV4, n => n.Contains(address));
            case AddressFamily.InterNetworkV6:
                if (address.IsIPv4MappedToIPv6)
                {
                    return IsBlocked(address.MapToIPv4());
                }

                var bytes = address.GetAddressBytes();
                if (Nat64.Contains(address))
                {
                    return IsBlocked(new IPAddress(bytes[12..]));
                }

                if (SixToFour.Contains(address))
                {
                    return IsBlocked(new IPAddress(bytes[2..6]));
                }

                return Array.Exists(BlockedV6, n => n.Contains(address));
            default:
                return true;
        }
    }
}
