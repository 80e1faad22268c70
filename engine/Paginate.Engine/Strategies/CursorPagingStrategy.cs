using System.Text;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary>
/// <c>cursor</c>: the value at <c>cursor_path</c> (e.g. <c>$last_item.id</c>, <c>paging.next.after</c>,
/// <c>data.x.pageInfo.endCursor</c>) goes into <c>cursor_param</c> (query, header, or body pointer such as
/// <c>/variables/after</c>). Stops when the cursor is null, empty or missing, or has_more is false.
/// Cursors are opaque: never interpreted or changed, whatever their JSON type (see <see cref="CursorValue"/>).
/// </summary>
/// <remarks>
/// An object or array cursor (Elasticsearch <c>search_after</c>, DynamoDB <c>LastEvaluatedKey</c>) goes into a
/// JSON body as is. A query parameter or header has no faithful text for it, so the run fails with
/// <c>unsupported_cursor</c> rather than guess an encoding or stop as if the walk were complete.
/// </remarks>
internal sealed class CursorPagingStrategy : ReferencePagingStrategy<CursorValue>
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

    protected override CursorValue? FindReference(PageContext page, out PageDecision? end)
    {
        end = null;
        if (PagingValues.TryGetBoolean(_hasMorePath, page.Response, out var hasMore) && !hasMore)
        {
            end = PageDecision.Stop(StopReasons.HasMoreFalse);
            return null;
        }

        if (!PagingValues.TryGet(_cursorPath, page.Response, out var value) || !CursorValue.TryRead(value, out var cursor))
        {
            return null;
        }

        if (cursor.Text is null && _cursorParam.In != ParamLocations.Body)
        {
            var type = cursor.Kind == JsonValueKind.Object ? "an object" : "an array";
            end = PageDecision.Fail(
                ErrorCodes.UnsupportedCursor,
                $"The cursor at cursor_path '{_cursorPath.Text}' is {type}; it can be sent only in a JSON body (cursor_param in 'body'), not in a {_cursorParam.In}.");
            return null;
        }

        if (_cursorParam.In == ParamLocations.Header && !(HeaderRules.IsValidValue(cursor.Text!) && Ascii.IsValid(cursor.Text)))
        {
            // Sent anyway it would be dropped (a line break) or refused by the client (non-ASCII), and the next
            // request would silently lack its cursor.
            end = PageDecision.Fail(
                ErrorCodes.UnsupportedCursor,
                $"The cursor at cursor_path '{_cursorPath.Text}' holds a control or non-ASCII character; it cannot be sent in a header (use a query or body cursor_param).");
            return null;
        }

        return cursor;
    }

    protected override PageRequest Apply(PageRequest current, CursorValue reference) => ParamWriter.Set(current, _cursorParam, reference);
}
