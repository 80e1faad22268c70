using System.Net;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Tests.Upstream;

public sealed class UpstreamAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // AWS, GCP, Azure metadata
    [InlineData("169.254.10.10")]
    [InlineData("100.64.0.1")] // CGNAT
    [InlineData("100.100.100.200")] // Alibaba metadata
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.0.192")] // Oracle metadata
    [InlineData("168.63.129.16")] // Azure wire server
    [InlineData("198.18.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")] // AWS IPv6 metadata
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:169.254.169.254")] // IPv4-mapped metadata
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::")] // 6to4 of 127.0.0.1
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("2001:db8::1")]
    public void IsBlocked_PrivateLoopbackLinkLocalMetadataAndFriends_AreBlocked(string address)
    {
        Assert.True(UpstreamAddressPolicy.IsBlocked(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("100.63.255.255")] // just below CGNAT
    [InlineData("100.128.0.0")] // just above CGNAT
    [InlineData("172.32.0.1")] // just above 172.16/12
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    public void IsBlocked_PublicUnicast_IsAllowed(string address)
    {
        Assert.False(UpstreamAddressPolicy.IsBlocked(IPAddress.Parse(address)));
    }
}
