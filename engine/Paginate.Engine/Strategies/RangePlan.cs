using Paginate.Engine.Contracts;

namespace Paginate.Engine.Strategies;

/// <summary>The remaining requests of a run whose total is known after page 1 (fetched concurrently).</summary>
/// <param name="Requests">Pages 2..n in page order.</param>
/// <param name="Capped">True when more pages exist than were planned (the run then stops with <c>max_pages</c>).</param>
internal sealed record RangePlan(IReadOnlyList<PageRequest> Requests, bool Capped);
