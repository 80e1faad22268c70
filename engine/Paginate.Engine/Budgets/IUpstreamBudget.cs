using Paginate.Engine.Runners;

namespace Paginate.Engine.Budgets;

/// <summary>
/// The fleet-wide rate budgets and back-off holds (CONTRACT §6.1, §6.2). The page loop asks for one token right
/// before every upstream request (retries included) and reports every <c>Retry-After</c> of a 429 or 503, so
/// every call of a runner, on every gateway, behaves as one polite client. Implementations must be safe for
/// concurrent use and must not throw for storage faults: they fall back to a local budget instead.
/// </summary>
public interface IUpstreamBudget
{
    /// <summary>
    /// The scope one call takes its tokens from: the runner, or (scope <c>credential</c>) the runner and a keyed
    /// hash of the forwarded header values. <paramref name="rate"/> null: no budget, back-off holds only.
    /// </summary>
    BudgetScope Scope(string runnerId, RateLimitSpec? rate, IReadOnlyList<KeyValuePair<string, string>> forwardedHeaders);

    /// <summary>
    /// Reserves one token, to be used after <see cref="BudgetTicket.Wait"/>, when that wait (back-off hold
    /// included) fits in <paramref name="maxWait"/>; otherwise reserves nothing and says how long it would take.
    /// </summary>
    ValueTask<BudgetTicket> TakeAsync(BudgetScope scope, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Holds every request of the scope for <paramref name="duration"/> (an upstream's <c>Retry-After</c>); a longer hold already set wins.</summary>
    ValueTask HoldAsync(BudgetScope scope, TimeSpan duration, CancellationToken cancellationToken);
}
