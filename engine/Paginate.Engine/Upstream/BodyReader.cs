using System.Buffers;
using System.IO.Compression;
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
    /// Reads the whole body. Throws <see cref="ResponseTooLargeException"/> past <paramref name="maxBytes"/>
    /// (unless <paramref name="truncate"/>: then it stops there, for error excerpts),
    /// <see cref="InvalidDataException"/> when it cannot be decoded, <see cref="NotSupportedException"/> for
    /// an unknown content encoding.
    /// </summary>
    public static async Task<PooledBuffer> ReadAsync(HttpContent content, long maxBytes, bool truncate, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (!truncate && declared > maxBytes)
        {
            throw new ResponseTooLargeException();
        }

        // The raw cap: with truncation the excerpt stops reading early anyway.
        var raw = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var stream = Decode(truncate ? raw : new CappedStream(raw, maxBytes), content.Headers.ContentEncoding);
        await using (stream.ConfigureAwait(false))
        {
            var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
            var initial = (int)Math.Min(Math.Max(declared ?? MinimumBuffer, 256), (long)limit + 1);
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

    private static Stream Decode(Stream stream, ICollection<string> encodings)
    {
        if (encodings.Count == 0)
        {
            return stream;
        }

        // Content-Encoding lists codings in the order they were applied: undo them last to first.
        foreach (var encoding in encodings.Reverse())
        {
            stream = encoding.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                "identity" or "" => stream,
                _ => throw new NotSupportedException($"unsupported content encoding '{Sanitize(encoding)}'"),
            };
        }

        return stream;
    }

    /// <summary>The media type of the body, for error details (no parameters).</summary>
    public static string? MediaType(HttpContentHeaders headers) => headers.ContentType?.MediaType is { } type ? Sanitize(type) : null;

    private static string Sanitize(string text) =>
        new(text.Take(40).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '+' or '.').ToArray());
}
