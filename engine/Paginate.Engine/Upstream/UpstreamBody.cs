namespace Paginate.Engine.Upstream;

/// <summary>
/// The page loop's body reader for hosts that fetch an upstream answer themselves (the admin's detection):
/// the same <c>Content-Encoding</c> rule and the same cap on the decoded size as every gateway page.
/// </summary>
public static class UpstreamBody
{
    /// <summary>
    /// Reads and decodes the whole body, at most <paramref name="maxBytes"/> once decoded.
    /// Throws <see cref="ResponseTooLargeException"/> past the cap, <see cref="UnsupportedContentEncodingException"/>
    /// for a refused <c>Content-Encoding</c> (before anything is read), <see cref="InvalidDataException"/> for a
    /// corrupt compressed body, and <see cref="IOException"/> or <see cref="HttpRequestException"/> when the
    /// connection breaks mid-body.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = await BodyReader.ReadAsync(content, maxBytes, truncate: false, cancellationToken).ConfigureAwait(false);
        return buffer.Memory.ToArray();
    }
}
