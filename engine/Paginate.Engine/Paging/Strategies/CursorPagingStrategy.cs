using Paginate.Engine.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// <c>cursor</c>: the value at <c>cursor_path</c> (e.g. <c>$last_item.id</c>, <c>paging.next.after</c>,
/// <c>data.x.pageInfo.endCursor</c>) goes into <c>cursor_param</c> (query, header, or body pointer such as
/// <c>/variables/after</c>). Stops when the cursor is null, empty or missing, or has_more is false.
/// Cursors are opaque: never interpreted or changed.
/// </summary>
internal sealed class CursorPagingStrategy : ReferencePagingStrategy
{
    private readonly JsonPath _cursorPath;
    private readonly ParamPlacement _cursorParam;
    private readonly JsonPath? _hasMorePath;

    public CursorPagingStrategy(JsonPath cursorPath, ParamPlacement cursorParam, JsonPath? hasMorePath)
    {
        _cursorPath = cursorPath;
        _cursorParam = cursorParam;
        _hasMorePath = hasMorePath;
    }

    public override string Name => PaginationStyles.Cursor;

    protected override string? FindReference(PageContext page, out string? stop)
    {
        stop = PagingValues.TryGetBoolean(_hasMorePath, page.Response, out var hasMore) && !hasMore ? StopReasons.HasMoreFalse : null;
        return stop is null && PagingValues.TryGet(_cursorPath, page.Response, out var value) ? PagingValues.GetToken(value) : null;
    }

    protected override PageRequest Apply(PageRequest current, string reference) => ParamWriter.Set(current, _cursorParam, reference);
}
