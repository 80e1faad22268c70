using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Paging;

/// <summary>
/// What cycle detection remembers of a requested page: 128 bits of SHA-256 over method, URL, headers and
/// body. Fixed-size on purpose: keeping the requests themselves made a run's memory grow with its inputs
/// times its pages (a 1 MiB placeholder in a POST body, 300 pages: hundreds of MB), and a hash holds no
/// placeholder value either. A collision (about 10^-33 over the at most 1000 pages of a run) could only
/// stop a run early as <c>repeated_next</c>.
/// </summary>
internal static class RequestFingerprint
{
    public static UInt128 Of(PageRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendText(hash, request.Method.Method);
        AppendText(hash, request.Uri.AbsoluteUri);

        // Header order does not change what is asked for; names are case-insensitive.
        var headers = request.Headers
            .Select(h => (Name: h.Key.ToUpperInvariant(), h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ThenBy(h => h.Value, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            AppendText(hash, name);
            AppendText(hash, value);
        }

        // A marker so "no body" and "empty body" differ, and lengths so no two field lists hash alike.
        if (request.Body is { } body)
        {
            AppendLength(hash, body.Length);
            hash.AppendData(body);
        }
        else
        {
            AppendLength(hash, -1);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    private static void AppendText(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        hash.AppendData(prefix);
    }
}
