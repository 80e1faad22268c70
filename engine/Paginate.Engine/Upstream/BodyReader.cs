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
    /// an unknown content encoding, <see cref="PageBufferBudgetExceededException"/> when <paramref name="budget"/>
    /// has no room for the buffer (reserved before each allocation, given back when the buffer is disposed).
    /// </summary>
    public static async Task<PooledBuffer> ReadAsync(HttpContent content, long maxBytes, bool truncate, CancellationToken cancellationToken, Paging.IPageBufferBudget? budget = null)
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
            var buffer = Rent(initial, budget);
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

                        var larger = Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1), budget);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        Return(buffer, budget);
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

                var result = new PooledBuffer(buffer, length, budget, budget is null ? 0 : buffer.Length);
                buffer = null;
                return result;
            }
            finally
            {
                if (buffer is not null)
                {
                    Return(buffer, budget);
                }
            }
        }
    }

    /// <summary>Reserves the bytes first: over budget, nothing is allocated.</summary>
    private static byte[] Rent(int size, Paging.IPageBufferBudget? budget)
    {
        // The pool hands out at least the size asked for: reserve what it will really hand out.
        var reserved = (long)ArrayPoolSize(size);
        if (budget is not null && !budget.TryReserve(reserved))
        {
            throw new PageBufferBudgetExceededException();
        }

        var array = ArrayPool<byte>.Shared.Rent(size);
        if (budget is not null && array.Length != reserved)
        {
            // Keep the books equal to the array: release() gives back array.Length.
            if (array.Length > reserved && !budget.TryReserve(array.Length - reserved))
            {
                budget.Release(reserved);
                ArrayPool<byte>.Shared.Return(array);
                throw new PageBufferBudgetExceededException();
            }

            if (array.Length < reserved)
            {
                budget.Release(reserved - array.Length);
            }
        }

        return array;
    }

    private static int ArrayPoolSize(int size) => size <= 16 ? 16 : size > (1 << 30) ? size : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)size);

    private static void Return(byte[] array, Paging.IPageBufferBudget? budget)
    {
        budget?.Release(array.Length);
        ArrayPool<byte>.Shared.Return(array);
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
