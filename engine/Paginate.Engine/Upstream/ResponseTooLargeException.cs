namespace Paginate.Engine.Upstream;

/// <summary>A page body (raw or decoded) went over the per-page cap while being read.</summary>
public sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
        : base("The page is larger than the per-page cap.")
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
