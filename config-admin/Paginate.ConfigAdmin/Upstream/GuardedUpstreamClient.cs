using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Hosting;
using Paginate.Engine.Upstream;

namespace Paginate.ConfigAdmin.Upstream;

/// <summary>
/// The one upstream client of the admin app (dry runs and detection). Its handler comes from the engine's
/// <see cref="UpstreamHandlers"/>, as the gateway's does: the same SSRF guard, no redirects, no proxy and no
/// automatic decompression, so bodies are decoded by the engine's capped reader in both apps.
/// </summary>
internal sealed class GuardedUpstreamClient : IDisposable
{
    public GuardedUpstreamClient(IOptions<UpstreamPolicyOptions> options)
    {
        AllowPrivate = options.Value.AllowPrivateUpstreams;
        Invoker = new HttpMessageInvoker(UpstreamHandlers.Create(new GuardedConnector(AllowPrivate)), disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public bool AllowPrivate { get; }

    public void Dispose() => Invoker.Dispose();
}
