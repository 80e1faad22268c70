namespace Paginate.Engine.Budgets;

/// <summary>
/// One run's side of the budget: takes a token before each upstream request, waits for it within the run's total
/// timeout, reports back-off holds, and adds up the time spent waiting (<c>meta.rate_wait_ms</c>). Safe for the
/// concurrent pages of one run.
/// </summary>
internal sealed class RunBudget
{
    private readonly IUpstreamBudget _budget;
    private readonly BudgetScope _scope;
    private readonly TimeProvider _time;
    private readonly long _deadline;
    private long _waitTicks;

    public RunBudget(IUpstreamBudget budget, BudgetScope scope, TimeProvider time, long deadlineTimestamp)
    {
        _budget = budget;
        _scope = scope;
        _time = time;
        _deadline = deadlineTimestamp;
    }

    /// <summary>True when the runner has a <c>rate_limit</c>: the answer then always reports <c>rate_wait_ms</c>.</summary>
    public bool HasRate => _scope.RequestsPerSecond is not null;

    /// <summary>Time this run waited for tokens and holds so far.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>
    /// Waits for a token. Null: go ahead. Otherwise no token can be had before the run's total timeout; the value
    /// is how long until one could (for <c>Retry-After</c>).
    /// </summary>
    public async ValueTask<TimeSpan?> PassAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var left = now >= _deadline ? TimeSpan.Zero : _time.GetElapsedTime(now, _deadline);
        var ticket = await _budget.TakeAsync(_scope, left, cancellationToken).ConfigureAwait(false);
        if (!ticket.Granted)
        {
            return ticket.Wait;
        }

        if (ticket.Wait > TimeSpan.Zero)
        {
            Interlocked.Add(ref _waitTicks, ticket.Wait.Ticks);
            await Task.Delay(ticket.Wait, _time, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>An upstream asked every caller to come back after <paramref name="retryAfter"/>.</summary>
    public ValueTask HoldAsync(TimeSpan retryAfter, CancellationToken cancellationToken) =>
        _budget.HoldAsync(_scope, retryAfter, cancellationToken);
}
