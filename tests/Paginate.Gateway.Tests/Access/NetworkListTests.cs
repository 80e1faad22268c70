using System.Net;
using Paginate.Gateway.Access;

namespace Paginate.Gateway.Tests.Access;

public sealed class NetworkListTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.1.1", true)] // IPv4-mapped is normalized
    [InlineData("::ffff:10.0.0.0/104", "10.1.1.1", true)] // and so is a mapped network
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("::1", "127.0.0.1", false)]
    public void Contains_ChecksCidrAndSingleAddressesInBothFamilies(string entry, string address, bool expected)
    {
        var list = NetworkList.Parse([entry], "test");

        Assert.Equal(expected, list.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("not-an-ip")]
    [InlineData("10.0.0.0/33")]
    public void Parse_BadEntry_ThrowsNamingTheSetting(string entry)
    {
        var error = Assert.Throws<FormatException>(() => NetworkList.Parse([entry], "Gateway:AllowedNetworks"));

        Assert.Contains("Gateway:AllowedNetworks", error.Message, StringComparison.Ordinal);
    }
}
