using System.Net;
using Microsoft.Extensions.Primitives;
using Paginate.Gateway.Access;

namespace Paginate.Gateway.Tests.Access;

public sealed class ClientAddressResolverTests
{
    private static readonly ClientAddressResolver Resolver = new(NetworkList.Parse(["10.0.0.0/24", "fd00::1"], "test"));

    [Theory]
    [InlineData("198.51.100.9", "1.2.3.4", "198.51.100.9")] // untrusted peer: its header is ignored
    [InlineData("10.0.0.5", "1.2.3.4", "1.2.3.4")] // trusted proxy: its entry is believed
    [InlineData("10.0.0.5", "6.6.6.6, 1.2.3.4", "1.2.3.4")] // the client wrote the left entry
    [InlineData("10.0.0.5", "6.6.6.6, 1.2.3.4, 10.0.0.7", "1.2.3.4")] // skips trusted hops
    [InlineData("10.0.0.5", "1.2.3.4:5678", "1.2.3.4")]
    [InlineData("10.0.0.5", "[2001:db8::9]:443", "2001:db8::9")]
    [InlineData("10.0.0.5", "", "10.0.0.5")] // no header: the proxy itself
    [InlineData("::ffff:10.0.0.5", "1.2.3.4", "1.2.3.4")] // mapped peer normalized before the trust check
    [InlineData("fd00::1", "::ffff:1.2.3.4", "1.2.3.4")]
    public void Resolve_TrustsForwardedForOnlyFromTrustedProxies(string peer, string forwardedFor, string expected)
    {
        var header = forwardedFor.Length == 0 ? StringValues.Empty : new StringValues(forwardedFor);

        var client = Resolver.Resolve(IPAddress.Parse(peer), header);

        Assert.Equal(IPAddress.Parse(expected), client);
    }

    [Fact]
    public void Resolve_SeveralHeaderLines_ReadsThemRightToLeft()
    {
        var client = Resolver.Resolve(IPAddress.Parse("10.0.0.5"), new StringValues(["6.6.6.6", "1.2.3.4, 10.0.0.9"]));

        Assert.Equal(IPAddress.Parse("1.2.3.4"), client);
    }

    [Fact]
    public void Resolve_GarbageFromTrustedProxy_IsNoAddress()
    {
        Assert.Null(Resolver.Resolve(IPAddress.Parse("10.0.0.5"), new StringValues("unknown")));
    }
}
