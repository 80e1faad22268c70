using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary>
/// Shared logic of the styles that count their way through a range (page_number, offset): the position is
/// a number put in a parameter; totals reported by the API win over local counting.
/// </summary>
/// <remarks>
/// An empty page is not this class's stop: the loop owns it for every style (<c>limits.stop_on_empty_page</c>).
/// With that flag off an empty page reaches the style, which ends the range by its own signals: a page shorter
/// than the page size or limit, the reported total, has_more false; validation refuses a range that would
/// then have none.
/// </remarks>
internal abstract class RangePagingStrategy : IPagingStrategy
{
    private readonly ParamPlacement _positionParam;
    private readonly ParamPlacement? _sizeParam;
    private readonly long? _size;

    protected RangePagingStrategy(ParamPlacement positionParam, long startPosition, ParamPlacement? sizeParam, long? size)
    {
        _positionParam = positionParam;
        StartPosition = startPosition;
        _sizeParam = sizeParam;
        _size = size;
    }

    public abstract string Name { get; }

    /// <summary>The first page number or offset.</summary>
    protected long StartPosition { get; }

    public PageDecision Start(PageRequest request) =>
        PageDecision.Continue(Prepare(request, StartPosition), new PagingState { Position = StartPosition });

    public PageDecision Next(PageContext page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var stop = Advance(page, out var next);
        return stop is not null
            ? PageDecision.Stop(stop)
            : PageDecision.Continue(Prepare(page.Request, next), page.State with { Position = next });
    }

    public abstract RangePlan? PlanRemaining(PageContext firstPage, int maxRequests);

    public virtual bool CanFetchAhead(PageContext firstPage) => true;

    public PageDecision Ahead(PageRequest request, PagingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = state.Position + Step;
        return PageDecision.Continue(Prepare(request, next), state with { Position = next });
    }

    /// <summary>How far a full page moves the position (1 page, or <c>limit</c> items).</summary>
    protected abstract long Step { get; }

    /// <summary>Reads the page: the next position, or a stop reason.</summary>
    protected abstract string? Advance(PageContext page, out long next);

    /// <summary>The request for <paramref name="position"/>: the position (and page size, when set) placed.</summary>
    protected PageRequest Prepare(PageRequest request, long position)
    {
        var prepared = ParamWriter.Set(request, _positionParam, position);
        if (_sizeParam is not null && _size is { } size)
        {
            prepared = ParamWriter.Set(prepared, _sizeParam, size);
        }

        return prepared;
    }

    /// <summary>Builds the requests of positions <paramref name="first"/>, first+step, ... (count of them, capped).</summary>
    protected RangePlan? Plan(PageRequest request, long first, long step, long count, int maxRequests)
    {
        if (count <= 0 || maxRequests <= 0)
        {
            return null;
        }

        var planned = (int)Math.Min(count, maxRequests);
        var requests = new List<PageRequest>(planned);
        for (var i = 0; i < planned; i++)
        {
            requests.Add(Prepare(request, first + (i * step)));
        }

        return new RangePlan(requests, count > maxRequests);
    }
}
