namespace Paginate.Engine.Upstream;

// Temporary: the engine's Upstream folder defines this type; remove this file once it lands there.

/// <summary>The upstream address is not allowed (private, loopback, link-local or metadata).</summary>
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
