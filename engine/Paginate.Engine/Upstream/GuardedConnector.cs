using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Paginate.Engine.Upstream;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of every upstream connection. It resolves the host
/// once, drops the addresses <see cref="UpstreamAddressPolicy"/> refuses, connects to an allowed address and checks
/// the address the socket is really connected to. Checking the connected address (not a second lookup)
/// is what defeats DNS rebinding.
/// </summary>
public sealed class GuardedConnector
{
    private readonly bool _allowPrivate;

    public GuardedConnector(bool allowPrivate) => _allowPrivate = allowPrivate;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        var allowed = _allowPrivate ? addresses : Array.FindAll(addresses, a => !UpstreamAddressPolicy.IsBlocked(a));
        if (allowed.Length == 0)
        {
            throw new UpstreamBlockedException();
        }

        Exception? lastError = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                if (!_allowPrivate && (socket.RemoteEndPoint is not IPEndPoint connected || UpstreamAddressPolicy.IsBlocked(connected.Address)))
                {
                    socket.Dispose();
                    throw new UpstreamBlockedException();
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError!;
    }
}
