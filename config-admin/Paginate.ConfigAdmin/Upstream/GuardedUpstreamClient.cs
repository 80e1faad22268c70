using System.Net;
using Microsoft.Extensions.Options;
using Paginate.Engine.Upstream;
using Paginate.ConfigAdmin.Hosting;

namespace Paginate.ConfigAdmin.Upstream;

/// <summary>
/// The one upstream client of the admin app (dry runs and detection), guarded by the same
/// <see cref="GuardedConnector"/> as the gateway. No redirects are followed and no proxy is used.
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
                ConnectCallback = new GuardedConnector(_allowPrivate).ConnectAsync,
            },
            disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public bool AllowPrivate => _allowPrivate;

    public void Dispose() => Invoker.Dispose();
}
