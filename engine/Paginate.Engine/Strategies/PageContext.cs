using Paginate.Engine.Contracts;

namespace Paginate.Engine.Strategies;

/// <summary>What a strategy reads after a page: the request that was sent, the answer, and the run's state.</summary>
internal sealed class PageContext
{
    public PageContext(PageRequest request, PageResponse response, PagingState state, int pageCount, long itemsSoFar)
    {
        Request = request;
        Response = response;
        State = state;
        PageCount = pageCount;
        ItemsSoFar = itemsSoFar;
    }

    /// <summary>The request this page answered (its URL is the base of relative next links).</summary>
    public PageRequest Request { get; }

    /// <summary>The page received.</summary>
    public PageResponse Response { get; }

    /// <summary>The state the strategy returned with <see cref="Request"/>.</summary>
    public PagingState State { get; }

    /// <summary>Pages received so far in this run, this one included (<c>@pager.pageCount()</c>).</summary>
    public int PageCount { get; }

    /// <summary>Items received so far in this run, this page included.</summary>
    public long ItemsSoFar { get; }
}
