using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary>
/// <c>offset</c>: the next offset is <c>next_offset_path</c> when the API reports it, else offset + items
/// received. Stops on has_more false, offset &gt;= total (an empty page is the loop's stop, see
/// <see cref="RangePagingStrategy"/>). A page shorter than <c>limit</c>
/// stops only when the API reports neither has_more nor total: many APIs cap the page size below the
/// limit asked for, and then the API's own answer is the better guide.
/// </summary>
internal sealed class OffsetPagingStrategy : RangePagingStrategy
{
    private readonly int _limit;
    private readonly JsonPath? _totalPath;
    private readonly JsonPath? _nextOffsetPath;
    private readonly JsonPath? _hasMorePath;

    public OffsetPagingStrategy(ParamPlacement offsetParam, long startOffset, ParamPlacement limitParam, int limit, JsonPath? totalPath, JsonPath? nextOffsetPath, JsonPath? hasMorePath)
        : base(offsetParam, startOffset, limitParam, limit)
    {
        _limit = limit;
        _totalPath = totalPath;
        _nextOffsetPath = nextOffsetPath;
        _hasMorePath = hasMorePath;
    }

    public override string Name => PaginationStyles.Offset;

    protected override long Step => _limit;

    // A short first page means the API caps the page below the limit: offsets guessed from the limit would all miss.
    public override bool CanFetchAhead(PageContext firstPage)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        return firstPage.Response.ItemCount == _limit;
    }

    protected override string? Advance(PageContext page, out long next)
    {
        var response = page.Response;
        var hasMoreKnown = PagingValues.TryGetBoolean(_hasMorePath, response, out var hasMore);
        next = PagingValues.TryGetInt64(_nextOffsetPath, response, out var reported) ? reported : page.State.Position + response.ItemCount;
        if (hasMoreKnown && !hasMore)
        {
            return StopReasons.HasMoreFalse;
        }

        if (PagingValues.TryGetInt64(_totalPath, response, out var total))
        {
            return next >= total ? StopReasons.TotalReached : null;
        }

        return !hasMoreKnown && response.ItemCount < _limit ? StopReasons.ShortPage : null;
    }

    public override RangePlan? PlanRemaining(PageContext firstPage, int maxRequests)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        var response = firstPage.Response;

        // Only a full first page tells the real page size; the API may cap it below the limit asked for.
        if (response.ItemCount != _limit || !PagingValues.TryGetInt64(_totalPath, response, out var total))
        {
            return null;
        }

        var first = firstPage.State.Position + _limit;
        if (PagingValues.TryGetInt64(_nextOffsetPath, response, out var reported) && reported != first)
        {
            return null;
        }

        var count = total <= first ? 0 : (total - first + _limit - 1) / _limit;
        return Plan(firstPage.Request, first, _limit, count, maxRequests);
    }
}
