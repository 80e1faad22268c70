namespace Paginate.Engine.Budgets;

/// <summary>The answer to one token request.</summary>
/// <param name="Granted">True: a token is reserved for now + <paramref name="Wait"/>. False: nothing was reserved.</param>
/// <param name="Wait">Granted: how long to wait before sending. Refused: how long until a token would be free (for <c>Retry-After</c>).</param>
public readonly record struct BudgetTicket(bool Granted, TimeSpan Wait)
{
    /// <summary>A token to use at once.</summary>
    public static BudgetTicket Now { get; } = new(true, TimeSpan.Zero);
}
