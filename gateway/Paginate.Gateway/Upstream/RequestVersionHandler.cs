using Yarp.ReverseProxy.Forwarder;

namespace Paginate.Gateway.Upstream;

/// <summary>Sets a cluster's HTTP version and version policy on every request the engine sends through it.</summary>
internal sealed class RequestVersionHandler : DelegatingHandler
{
    private readonly Version _version;
    private readonly HttpVersionPolicy _policy;

    public RequestVersionHandler(HttpMessageHandler inner, ForwarderRequestConfig config)
        : base(inner)
    {
        _version = config.Version ?? System.Net.HttpVersion.Version11;
        _policy = config.VersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = _version;
        request.VersionPolicy = _policy;
        return base.SendAsync(request, cancellationToken);
    }
}
