using System.Net;
using Paginate.Engine.Upstream;

namespace Paginate.Gateway.Circuits;

/// <summary>
/// Reports the end of every upstream request of one origin cluster to its circuit: no answer (connection
/// refused, reset, TLS failure) or a 502/503/504 counts as a failure, any other answer as a success. A
/// cancelled request (the caller left, a page timeout) and a connection the SSRF guard refused report
/// nothing: they say nothing about the origin.
/// </summary>
internal sealed class CircuitReportingHandler : DelegatingHandler
{
    private readonly OriginCircuits _circuits;
    private readonly string _clusterId;

    public CircuitReportingHandler(HttpMessageHandler inner, OriginCircuits circuits, string clusterId)
        : base(inner)
    {
        _circuits = circuits;
        _clusterId = clusterId;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!Blocked(ex))
        {
            _circuits.Report(_clusterId, failed: true);
            throw;
        }

        _circuits.Report(_clusterId, failed: response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);
        return response;
    }

    private static bool Blocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is UpstreamBlockedException)
            {
                return true;
            }
        }

        return false;
    }
}
