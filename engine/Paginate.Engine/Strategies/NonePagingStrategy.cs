using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary><c>none</c>: one request, one page.</summary>
internal sealed class NonePagingStrategy : IPagingStrategy
{
    public static readonly NonePagingStrategy Instance = new();

    public string Name => PaginationStyles.None;

    public PageDecision Start(PageRequest request) => PageDecision.Continue(request, PagingState.Initial);

    public PageDecision Next(PageContext page) => PageDecision.Stop(StopReasons.SinglePage);
}
