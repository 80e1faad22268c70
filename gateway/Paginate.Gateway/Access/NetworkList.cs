using System.Net;
using System.Net.Sockets;

namespace Paginate.Gateway.Access;

/// <summary>A parsed list of networks (CIDR or single address, IPv4 and IPv6) with a cheap membership test.</summary>
internal sealed class NetworkList
{
    private readonly IPNetwork[] _networks;

    private NetworkList(IPNetwork[] networks) => _networks = networks;

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Parses every entry; throws naming every bad entry (entries are operator config, not secrets).</summary>
    public static NetworkList Parse(IEnumerable<string> entries, string settingName)
    {
        var list = Parse(entries, settingName, out var errors);
        return errors.Count == 0 ? list : throw new FormatException(string.Join(" ", errors));
    }

    /// <summary>Parses what it can and collects one message per bad entry, naming its index and value.</summary>
    public static NetworkList Parse(IEnumerable<string> entries, string settingName, out List<string> errors)
    {
        var networks = new List<IPNetwork>();
        errors = [];
        var index = -1;
        foreach (var raw in entries)
        {
            index++;
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Contains('/', StringComparison.Ordinal))
            {
                // Host bits must be zero: "10.0.0.1/8" is more likely a typo for a /32 than a wish for a /8.
                if (!IPNetwork.TryParse(entry, out var network)
                    || !IPAddress.TryParse(entry.AsSpan(0, entry.IndexOf('/', StringComparison.Ordinal)), out var written)
                    || !written.Equals(network.BaseAddress))
                {
                    errors.Add($"{settingName}:{index}: '{entry}' is not a CIDR block (e.g. 10.0.0.0/8) with its host bits zero.");
                    continue;
                }

                networks.Add(Normalize(network));
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                address = Normalize(address);
                networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                errors.Add($"{settingName}:{index}: '{entry}' is neither an IP address nor a CIDR block.");
            }
        }

        return new NetworkList([.. networks]);
    }

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = Normalize(address);
        foreach (var network in _networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>) is the IPv4 address it carries.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPNetwork Normalize(IPNetwork network)
    {
        if (network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96)
        {
            return new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96);
        }

        return network;
    }
}
