namespace Paginate.Engine.Upstream;

/// <summary>
/// Thrown by the host's connection guard (e.g. inside a <c>SocketsHttpHandler.ConnectCallback</c>) when the
/// address an upstream host resolves to is not allowed (private, loopback, link-local, metadata). The page
/// loop turns it, also when wrapped in an <see cref="HttpRequestException"/>, into <c>upstream_blocked</c>.
/// The message must not name the URL's query or any header: it may reach an error body.
/// </summary>
public sealed class UpstreamBlockedException : Exception
{
    public UpstreamBlockedException()
        : base("The upstream address is not allowed.")
    {
    }

    public UpstreamBlockedException(string message)
        : base(message)
    {
    }

    public UpstreamBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
