namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// One pagination style. Stateless and shared between runs: a run's state travels in the loop's own
/// records. Created once per runner, when it is compiled.
/// </summary>
internal interface IPagingStrategy
{
    /// <summary>The style name (<see cref="Runners.PaginationStyles"/>).</summary>
    string Name { get; }
}
