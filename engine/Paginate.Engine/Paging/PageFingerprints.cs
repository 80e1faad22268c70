using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Paginate.Engine.Paging;

/// <summary>
/// Remembers which page bodies a run has seen, as a 128-bit prefix of each body's SHA-256, so a run can stop
/// on a page byte-identical to an earlier one (<c>repeated_page</c>) while holding 16 bytes per page, never the
/// page. Used by one flow at a time, like the run session.
/// </summary>
/// <remarks>
/// The hashed bytes are the raw JSON of the parsed body's root value, exactly as the upstream sent them (only
/// whitespace around the root value and a byte-order mark fall outside): APIs that ignore the page parameter
/// send the same bytes again, while a page that differs in any value, even a timestamp, is a new page.
/// </remarks>
internal sealed class PageFingerprints
{
    private readonly HashSet<UInt128> _seen = [];

    /// <summary>True when no earlier page of the run had this body; records it either way.</summary>
    public bool AddIsNew(JsonElement body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(JsonMarshal.GetRawUtf8Value(body), hash);
        return _seen.Add(BinaryPrimitives.ReadUInt128LittleEndian(hash));
    }
}
