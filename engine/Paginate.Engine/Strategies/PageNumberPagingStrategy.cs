using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary>
/// <c>page_number</c>: page + 1 each time. When <c>current_page_path</c> is set and present the API's own
/// page number is the base, not the local counter (a counter drifts; the API is the source of truth).
/// Stops on page &gt;= total pages when the API reports it, otherwise on a page shorter than <c>page_size</c>
/// (an empty page is the loop's stop, see <see cref="RangePagingStrategy"/>).
/// </summary>
internal sealed class PageNumberPagingStrategy : RangePagingStrategy
{
    private readonly int? _pageSize;
    private readonly JsonPath? _totalPagesPath;
    private readonly JsonPath? _currentPagePath;

    public PageNumberPagingStrategy(ParamPlacement pageParam, long startPage, int? pageSize, ParamPlacement? pageSizeParam, JsonPath? totalPagesPath, JsonPath? currentPagePath)
        : base(pageParam, startPage, pageSizeParam, pageSize)
    {
        _pageSize = pageSize;
        _totalPagesPath = totalPagesPath;
        _currentPagePath = currentPagePath;
    }

    public override string Name => PaginationStyles.PageNumber;

    protected override long Step => 1;

    protected override string? Advance(PageContext page, out long next)
    {
        var current = CurrentPage(page);
        next = current + 1;
        if (PagingValues.TryGetInt64(_totalPagesPath, page.Response, out var totalPages))
        {
            return current - StartPosition + 1 >= totalPages ? StopReasons.TotalReached : null;
        }

        return _pageSize is { } size && page.Response.ItemCount < size ? StopReasons.ShortPage : null;
    }

    public override RangePlan? PlanRemaining(PageContext firstPage, int maxRequests)
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        if (firstPage.Response.ItemCount == 0 || !PagingValues.TryGetInt64(_totalPagesPath, firstPage.Response, out var totalPages))
        {
            return null;
        }

        var current = CurrentPage(firstPage);
        var last = StartPosition + totalPages - 1;
        return Plan(firstPage.Request, current + 1, 1, last - current, maxRequests);
    }

    private long CurrentPage(PageContext page) =>
        PagingValues.TryGetInt64(_currentPagePath, page.Response, out var reported) ? reported : page.State.Position;
}
