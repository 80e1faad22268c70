using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Tests.Upstream;

public sealed class GuardedConnectorTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("169.254.169.254")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task Connect_BlockedHostWithPrivateUpstreamsOff_ThrowsUpstreamBlockedWithoutConnecting(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connector = new GuardedConnector(allowPrivate: false);

        var error = await Assert.ThrowsAsync<UpstreamBlockedException>(() =>
            connector.ConnectAsync(Context(host, port), CancellationToken.None).AsTask());

        Assert.DoesNotContain(host.Trim('[', ']'), error.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task Connect_LoopbackWithPrivateUpstreamsOn_Connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connector = new GuardedConnector(allowPrivate: true);

        await using var stream = await connector.ConnectAsync(Context("127.0.0.1", port), CancellationToken.None);

        Assert.True(stream.CanWrite);
    }

    [Fact]
    public async Task Send_ThroughHandlerToLoopback_FailsWithUpstreamBlockedInside()
    {
        using var handler = new SocketsHttpHandler { ConnectCallback = new GuardedConnector(allowPrivate: false).ConnectAsync, UseProxy = false };
        using var client = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/")));

        Assert.IsType<UpstreamBlockedException>(error.InnerException);
    }

    private static SocketsHttpConnectionContext Context(string host, int port)
    {
        // The context has no public constructor: a handler hands one to its callback.
        SocketsHttpConnectionContext? captured = null;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = (context, _) =>
            {
                captured = context;
                throw new OperationCanceledException("captured");
            },
        };
        using var client = new HttpClient(handler);
        try
        {
            client.GetAsync(new Uri($"http://{host}:{port}/")).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TaskCanceledException)
        {
        }

        return captured!;
    }
}
