namespace Paginate.Engine.Upstream;

/// <summary>
/// The upstream's <c>Content-Encoding</c> breaks <see cref="ContentCodings"/>' rule (too many, repeated or
/// unknown codings). The message is safe to show: it names at most a sanitised coding.
/// </summary>
public sealed class UnsupportedContentEncodingException : Exception
{
    public UnsupportedContentEncodingException()
        : base("The upstream's content encoding is not supported.")
    {
    }

    public UnsupportedContentEncodingException(string message)
        : base(message)
    {
    }

    public UnsupportedContentEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
