using System.Buffers;
using System.Net.Http.Headers;
using Paginate.Engine.Contracts;

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
    /// for a content encoding outside <see cref="ContentCodings"/>' rule (checked before anything is read),
    /// <see cref="PageBufferBudgetExceededException"/> when <paramref name="budget"/> has no room for the buffer
    /// (reserved before each allocation, given back when the buffer is disposed).
    /// </summary>
    public static async Task<PooledBuffer> ReadAsync(HttpContent content, long maxBytes, bool truncate, CancellationToken cancellationToken, IPageBufferBudget? budget = null)
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
    private static byte[] Rent(int size, IPageBufferBudget? budget)
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

    private static void Return(byte[] array, IPageBufferBudget? budget)
    {
        budget?.Release(array.Length);
        ArrayPool<byte>.Shared.Return(array);
    }

    /// <summary>The media type of the body, for error details (no parameters).</summary>
    public static string? MediaType(HttpContentHeaders headers) => headers.ContentType?.MediaType is { } type ? ContentCodings.Sanitize(type) : null;
}
