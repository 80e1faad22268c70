using System.IO.Hashing;

namespace Paginate.Engine.Paging;

/// <summary>
/// Remembers which page bodies a run has seen, as a seeded 128-bit XxHash of each body (see
/// <see cref="FingerprintSeed"/>), so a run can stop on a page byte-identical to an earlier one
/// (<c>repeated_page</c>) while holding 16 bytes per page, never the page. Used by one flow at a time, like the
/// run session.
/// </summary>
/// <remarks>
/// The hashed bytes are the raw JSON of the body's root value, exactly as the upstream sent them (only
/// whitespace around the root value and a byte-order mark fall outside): APIs that ignore the page parameter
/// send the same bytes again, while a page that differs in any value, even a timestamp, is a new page. They
/// are read straight from the page buffer: the page is never parsed into a document for this.
/// </remarks>
internal sealed class PageFingerprints
{
    private readonly HashSet<UInt128> _seen = [];

    /// <summary>True when no earlier page of the run had this body; records it either way.</summary>
    public bool AddIsNew(ReadOnlySpan<byte> body) => _seen.Add(XxHash128.HashToUInt128(body, FingerprintSeed.Value));
}
