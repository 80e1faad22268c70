using System.Globalization;

namespace Paginate.DemoApi.Data;

/// <summary>
/// The knobs every route understands, read from the query string. Out-of-range values are
/// clamped rather than rejected: the demo should keep answering whatever a benchmark asks.
/// </summary>
internal sealed record DemoQuery
{
    /// <summary>Largest <c>item_bytes</c> padding; bigger asks are clamped to it.</summary>
    public const int MaxItemBytes = 1 << 20;

    /// <summary>Items on one page (route size parameter, else <c>items</c>, else 20).</summary>
    public required int PerPage { get; init; }

    /// <summary>Items in the whole list (<c>total</c>, else <c>pages</c> × <see cref="PerPage"/>).</summary>
    public required long Total { get; init; }

    /// <summary>Padding characters added to each item in a <c>pad</c> field.</summary>
    public required int ItemBytes { get; init; }

    /// <summary>Latency added before each page is answered.</summary>
    public required int DelayMs { get; init; }

    /// <summary>Page number answered with <see cref="FailStatus"/> instead of data; 0 for none.</summary>
    public required long FailPage { get; init; }

    /// <summary>Status used for <see cref="FailPage"/> (default 503).</summary>
    public required int FailStatus { get; init; }

    /// <summary>When true, a request without an <c>Authorization</c> header gets 401.</summary>
    public required bool RequireAuth { get; init; }

    /// <summary>Number of pages the list spans at <see cref="PerPage"/> items each.</summary>
    public long TotalPages => PerPage == 0 ? 0 : (Total + PerPage - 1) / PerPage;

    /// <summary>Reads the knobs; <paramref name="sizeParam"/> is the route's own page-size parameter, if any.</summary>
    public static DemoQuery Parse(IQueryCollection query, string? sizeParam)
    {
        var items = (int)Read(query, "items", 20, 0, 100_000);
        var perPage = sizeParam is null ? items : (int)Read(query, sizeParam, items, 0, 100_000);
        var pages = Read(query, "pages", 5, 0, 1_000_000);
        return new DemoQuery
        {
            PerPage = perPage,
            Total = Read(query, "total", pages * perPage, 0, long.MaxValue / 2),
            ItemBytes = (int)Read(query, "item_bytes", 0, 0, MaxItemBytes),
            DelayMs = (int)Read(query, "delay_ms", 0, 0, 60_000),
            FailPage = Read(query, "fail_page", 0, 0, long.MaxValue),
            FailStatus = (int)Read(query, "fail_status", 503, 400, 599),
            RequireAuth = Read(query, "require_auth", 0, 0, 1) == 1,
        };
    }

    /// <summary>Reads a whole-number parameter, clamped to [min, max]; missing or unreadable gives the default.</summary>
    public static long Read(IQueryCollection query, string name, long fallback, long min, long max)
    {
        var raw = query[name].ToString();
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            value = fallback;
        }

        return Math.Clamp(value, min, max);
    }
}
