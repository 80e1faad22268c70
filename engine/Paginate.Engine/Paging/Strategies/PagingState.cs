namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// The small per-run state a strategy carries from one page to the next. Immutable; strategies return
/// a new one with each decision.
/// </summary>
internal sealed record PagingState
{
    public static readonly PagingState Initial = new();

    /// <summary>The page number (page_number) or offset (offset) of the request this state goes with.</summary>
    public long Position { get; init; }

    /// <summary>Style-specific state (e.g. a script's variables); null for the built-in styles.</summary>
    public object? Extension { get; init; }
}
