namespace Paginate.Engine.Strategies;

/// <summary>
/// The small per-run state a strategy carries from one page to the next. Immutable; strategies return
/// a new one with each decision.
/// </summary>
internal sealed record PagingState
{
    public static readonly PagingState Initial = new();

    /// <summary>The page number (page_number) or offset (offset) of the request this state goes with.</summary>
    public long Position { get; init; }

    /// <summary>A <c>script</c> run's variables and last request; null for the other styles.</summary>
    public ScriptPagingState? Script { get; init; }
}
