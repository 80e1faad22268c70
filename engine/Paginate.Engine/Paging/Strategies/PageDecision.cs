namespace Paginate.Engine.Paging.Strategies;

/// <summary>A strategy's answer: the next request and its state, or the stop reason.</summary>
internal readonly record struct PageDecision
{
    /// <summary>The next request; null when the run stops.</summary>
    public PageRequest? Next { get; init; }

    /// <summary>The state that goes with <see cref="Next"/>.</summary>
    public PagingState State { get; init; }

    /// <summary>One of <see cref="StopReasons"/> when <see cref="Next"/> is null.</summary>
    public string? StopReason { get; init; }

    public static PageDecision Continue(PageRequest next, PagingState state) => new() { Next = next, State = state };

    public static PageDecision Stop(string reason) => new() { StopReason = reason, State = PagingState.Initial };
}
