using System.Collections.Concurrent;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Paginate.Gateway.Upstream;

/// <summary>
/// One YARP cluster client per upstream origin (scheme, host, port): each origin gets its own connection
/// pool and HTTP settings. Runners keep their origin on every page, so one client serves a whole run.
/// </summary>
internal sealed class UpstreamClients : IDisposable
{
    private readonly IForwarderHttpClientFactory _factory;
    private readonly ConcurrentDictionary<string, Lazy<HttpMessageInvoker>> _clients = new(StringComparer.OrdinalIgnoreCase);

    public UpstreamClients(IForwarderHttpClientFactory factory) => _factory = factory;

    public int Count => _clients.Count;

    public HttpMessageInvoker For(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var key = origin.GetLeftPart(UriPartial.Authority);
        // Lazy: two first calls to a new origin must not build two connection pools and leak one.
        return _clients.GetOrAdd(key, static (clusterId, factory) => new Lazy<HttpMessageInvoker>(() => factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = clusterId,
            OldConfig = HttpClientConfig.Empty,
            OldMetadata = null,
            OldClient = null,
            NewConfig = HttpClientConfig.Empty,
            NewMetadata = null,
        })), _factory).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }

        _clients.Clear();
    }
}
