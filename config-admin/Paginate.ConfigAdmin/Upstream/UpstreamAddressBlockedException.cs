namespace Paginate.ConfigAdmin.Upstream;

/// <summary>The upstream resolved only to addresses a runner may not reach. Names no address.</summary>
public sealed class UpstreamAddressBlockedException : Exception
{
    public UpstreamAddressBlockedException()
        : base("The upstream address is not allowed.")
    {
    }

    public UpstreamAddressBlockedException(string message)
        : base(message)
    {
    }

    public UpstreamAddressBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
