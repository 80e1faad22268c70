using System.Net;
using System.Net.Http;

namespace Paginate.Engine.Upstream;

/// <summary>
/// The one recipe for an upstream connection handler, shared by the gateway (inside its YARP client
/// factory) and the admin's dry runs and detection, so both apps talk to upstreams the same way.
/// </summary>
/// <remarks>
/// Every connection goes through the <see cref="GuardedConnector"/>. No proxy (the guard would check the
/// proxy, not the upstream), no redirects (a redirect could leave the runner's origin with forwarded
/// headers), no cookies, and NO automatic decompression: bodies are decoded by the engine's capped reader,
/// which refuses hostile <c>Content-Encoding</c> lists before building any decoder and caps the decoded size.
/// </remarks>
public static class UpstreamHandlers
{
    /// <summary>How long a TCP (and TLS) connect may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>An idle pooled connection is closed after this.</summary>
    public static readonly TimeSpan PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);

    /// <summary>A pooled connection is replaced after this, so DNS changes are seen (and re-checked by the guard).</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>A new handler with the upstream settings and <paramref name="connector"/> as its connect callback.</summary>
    public static SocketsHttpHandler Create(GuardedConnector connector)
    {
        var handler = new SocketsHttpHandler();
        Configure(handler, connector);
        return handler;
    }

    /// <summary>
    /// Applies the upstream settings to a handler someone else created (e.g. YARP's
    /// <c>ForwarderHttpClientFactory.ConfigureHandler</c>, after its base call).
    /// </summary>
    public static void Configure(SocketsHttpHandler handler, GuardedConnector connector)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(connector);
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        handler.AutomaticDecompression = DecompressionMethods.None;
        handler.ConnectTimeout = ConnectTimeout;
        handler.PooledConnectionIdleTimeout = PooledConnectionIdleTimeout;
        handler.PooledConnectionLifetime = PooledConnectionLifetime;
        handler.ConnectCallback = connector.ConnectAsync;
    }
}
