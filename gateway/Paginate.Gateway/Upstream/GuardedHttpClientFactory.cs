using System.Net.Http;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Upstream;
using Paginate.Gateway.Circuits;
using Yarp.ReverseProxy.Forwarder;

namespace Paginate.Gateway.Upstream;

/// <summary>
/// YARP's client factory for every origin cluster: the cluster's <see cref="Yarp.ReverseProxy.Configuration.HttpClientConfig"/>
/// is applied by the base, then the engine's <see cref="UpstreamHandlers"/> recipe (the SSRF guard as every
/// connection's <c>ConnectCallback</c>; the page loop decodes compressed bodies itself, under its per-page cap).
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
        // The one upstream recipe the admin's dry runs and detection use too: the guard as connect callback,
        // no proxy (the guard would check the proxy), no redirects, no cookies, no automatic decompression.
        UpstreamHandlers.Configure(handler, _connector);
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
