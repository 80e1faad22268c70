using System.IO.Hashing;
using System.Runtime.InteropServices;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Paging;

/// <summary>
/// What cycle detection remembers of a requested page: a 128-bit XxHash of method, URL, headers and body.
/// Fixed-size on purpose: keeping the requests themselves made a run's memory grow with its inputs times its
/// pages (a 1 MiB placeholder in a POST body, 300 pages: hundreds of MB), and a hash holds no placeholder value
/// either. The hash is seeded per process (<see cref="FingerprintSeed"/>), so an upstream cannot craft a cursor
/// whose request collides with an earlier one; an accidental collision (about 10^-35 over the at most 1000
/// pages of a run) could only stop a run early as <c>repeated_next</c>.
/// </summary>
internal static class RequestFingerprint
{
    public static UInt128 Of(PageRequest request)
    {
        var hash = new XxHash128(FingerprintSeed.Value);
        AppendText(hash, request.Method.Method);
        AppendText(hash, request.Uri.AbsoluteUri);

        // Header order does not change what is asked for; names are case-insensitive.
        var headers = request.Headers;
        if (headers.Count > 0)
        {
            var sorted = new (string Name, string Value)[headers.Count];
            for (var i = 0; i < sorted.Length; i++)
            {
                sorted[i] = (headers[i].Key.ToUpperInvariant(), headers[i].Value);
            }

            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
            foreach (var (name, value) in sorted)
            {
                AppendText(hash, name);
                AppendText(hash, value);
            }
        }

        // A marker so "no body" and "empty body" differ, and lengths so no two field lists hash alike.
        if (request.Body is { } body)
        {
            AppendLength(hash, body.Length);
            hash.Append(body);
        }
        else
        {
            AppendLength(hash, -1);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    // The UTF-16 code units as they are: the fingerprint lives in memory for one run, so no encoding is needed.
    private static void AppendText(XxHash128 hash, string text)
    {
        AppendLength(hash, text.Length);
        hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private static void AppendLength(XxHash128 hash, int length) => hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in length)));
}
