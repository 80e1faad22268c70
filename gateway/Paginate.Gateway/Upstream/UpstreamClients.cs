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
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _clients = new(StringComparer.OrdinalIgnoreCase);

    public UpstreamClients(IForwarderHttpClientFactory factory) => _factory = factory;

    public int Count => _clients.Count;

    public HttpMessageInvoker For(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var key = origin.GetLeftPart(UriPartial.Authority);
        return _clients.GetOrAdd(key, static (clusterId, factory) => factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = clusterId,
            OldConfig = HttpClientConfig.Empty,
            OldMetadata = null,
            OldClient = null,
            NewConfig = HttpClientConfig.Empty,
            NewMetadata = null,
        }), _factory);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
