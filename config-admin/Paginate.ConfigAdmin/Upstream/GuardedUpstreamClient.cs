using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Paginate.Engine.Upstream;
using Paginate.ConfigAdmin.Hosting;

namespace Paginate.ConfigAdmin.Upstream;

/// <summary>
/// The one upstream client of the admin app (dry runs and detection). Its connect callback resolves the
/// host, drops refused addresses and checks the address really connected to, so DNS rebinding cannot
/// reach an internal address. No redirects are followed and no proxy is used.
/// </summary>
internal sealed class GuardedUpstreamClient : IDisposable
{
    private readonly bool _allowPrivate;

    public GuardedUpstreamClient(IOptions<UpstreamPolicyOptions> options)
    {
        _allowPrivate = options.Value.AllowPrivateUpstreams;
        Invoker = new HttpMessageInvoker(
            new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ConnectCallback = ConnectAsync,
            },
            disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public bool AllowPrivate => _allowPrivate;

    public void Dispose() => Invoker.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
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
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                if (!_allowPrivate && (socket.RemoteEndPoint is not IPEndPoint connected || UpstreamAddressPolicy.IsBlocked(connected.Address)))
                {
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

        throw lastError ?? new SocketException((int)SocketError.HostUnreachable);
    }
}
