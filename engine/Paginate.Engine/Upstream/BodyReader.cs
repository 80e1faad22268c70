using System.Buffers;
using System.Net.Http.Headers;

namespace Paginate.Engine.Upstream;

/// <summary>
/// Reads a page body into a pooled buffer, decoding gzip, deflate and br itself so the cap applies to the
/// DECODED size: a decompression bomb stops at the cap instead of filling memory. The raw bytes are
/// capped too.
/// </summary>
internal static class BodyReader
{
    private const int MinimumBuffer = 16 * 1024;

    /// <summary>
    /// The most a <c>Content-Length</c> announcement may reserve before bytes arrive: past it the buffer
    /// grows with what really comes, so an upstream that announces 32 MiB and sends nothing costs 64 KiB.
    /// </summary>
    public const int MaxInitialBuffer = 64 * 1024;

    /// <summary>
    /// Reads the whole body. Throws <see cref="ResponseTooLargeException"/> past <paramref name="maxBytes"/>
    /// (unless <paramref name="truncate"/>: then it stops there, for error excerpts),
    /// <see cref="InvalidDataException"/> when it cannot be decoded, <see cref="UnsupportedContentEncodingException"/>
    /// for a content encoding outside <see cref="ContentCodings"/>' rule (checked before anything is read).
    /// </summary>
    public static async Task<PooledBuffer> ReadAsync(HttpContent content, long maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (!truncate && declared > maxBytes)
        {
            throw new ResponseTooLargeException();
        }

        // Checked before the body is touched and before any decoder exists.
        var codings = ContentCodings.Check(content.Headers.ContentEncoding);

        // The raw cap: with truncation the excerpt stops reading early anyway.
        var raw = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var stream = ContentCodings.Decode(truncate ? raw : new CappedStream(raw, maxBytes), codings);
        await using (stream.ConfigureAwait(false))
        {
            var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
            var initial = (int)Math.Min(Math.Min(Math.Max(declared ?? MinimumBuffer, 256), MaxInitialBuffer), (long)limit + 1);
            var buffer = ArrayPool<byte>.Shared.Rent(initial);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > limit)
                        {
                            break;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > limit)
                    {
                        break;
                    }
                }

                if (length > limit)
                {
                    if (!truncate)
                    {
                        throw new ResponseTooLargeException();
                    }

                    length = limit;
                }

                var result = new PooledBuffer(buffer, length);
                buffer = null;
                return result;
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    /// <summary>The media type of the body, for error details (no parameters).</summary>
    public static string? MediaType(HttpContentHeaders headers) => headers.ContentType?.MediaType is { } type ? ContentCodings.Sanitize(type) : null;
}
