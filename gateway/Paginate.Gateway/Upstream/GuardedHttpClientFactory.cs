using System.Net.Http;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Upstream;
using Paginate.Gateway.Circuits;
using Yarp.ReverseProxy.Forwarder;

namespace Paginate.Gateway.Upstream;

/// <summary>
/// YARP's client factory for every origin cluster, with the SSRF guard as every connection's
/// <c>ConnectCallback</c>. YARP's defaults stay (no proxy, no redirects, no cookies, no automatic
/// decompression: the page loop asks for and decodes compressed bodies itself, under its per-page byte cap)
/// and the cluster's <see cref="Yarp.ReverseProxy.Configuration.HttpClientConfig"/> is applied by the base.
/// </summary>
internal sealed class GuardedHttpClientFactory : ForwarderHttpClientFactory
{
    private readonly GuardedConnector _connector;
    private readonly OriginCircuits _circuits;

    public GuardedHttpClientFactory(GuardedConnector connector, OriginCircuits circuits, ILogger<ForwarderHttpClientFactory> logger)
        : base(logger)
    {
        _connector = connector;
        _circuits = circuits;
    }

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        // A proxy would make the callback connect to the proxy, not to the upstream: never use one.
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        handler.ConnectTimeout = TimeSpan.FromSeconds(10);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);
        handler.ConnectCallback = _connector.ConnectAsync;
        // YARP's propagator writes the current activity's context, whose parent is the caller's traceparent,
        // and its baggage: the caller's trace id, tracestate and baggage would reach every upstream. Nothing
        // is injected; a runner that wants them lists them in forward_headers and they are copied as given.
        handler.ActivityHeadersPropagator = null;
    }

    // The engine builds its own request messages: the cluster's version policy is applied here, on the way out.
    // Every request's outcome feeds the origin's fail-fast circuit (retries included: each is one more failure).
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new CircuitReportingHandler(new RequestVersionHandler(handler, UpstreamClusters.RequestConfig), _circuits, context.ClusterId);
}
