using System.Collections.Concurrent;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Budgets;

/// <summary>
/// Budgets and holds in this process's memory (GCRA, the same rule as the Redis script): the fallback of a
/// gateway that cannot reach Redis, where each gateway keeps the runner's FULL budget to itself, and the budget of
/// hosts without Redis. Scopes idle past their tokens and holds are dropped so memory stays bounded.
/// </summary>
public sealed class LocalUpstreamBudget : IUpstreamBudget
{
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly byte[] _hashKey;

    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="hashKey">Key of the credential hash; a random per-process key when null.</param>
    public LocalUpstreamBudget(TimeProvider? time = null, byte[]? hashKey = null)
    {
        _time = time ?? TimeProvider.System;
        _hashKey = hashKey ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>Scopes currently tracked (for tests and diagnostics).</summary>
    public int ScopeCount => _slots.Count;

    public BudgetScope Scope(string runnerId, RateLimitSpec? rate, IReadOnlyList<KeyValuePair<string, string>> forwardedHeaders) =>
        BudgetScopes.Create(runnerId, rate, forwardedHeaders, _hashKey);

    public ValueTask<BudgetTicket> TakeAsync(BudgetScope scope, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = _time.GetUtcNow().UtcTicks;
        if (!_slots.TryGetValue(scope.Key, out var slot))
        {
            if (scope.RequestsPerSecond is null)
            {
                return ValueTask.FromResult(BudgetTicket.Now); // no budget and never held: nothing to track
            }

            Sweep(now);
            slot = _slots.GetOrAdd(scope.Key, _ => new Slot());
        }

        lock (slot)
        {
            var interval = scope.Interval.Ticks;
            var start = Math.Max(now, slot.HoldUntil);
            var tat = Math.Max(slot.Tat, now);
            if (interval > 0)
            {
                start = Math.Max(start, tat - ((scope.Burst - 1) * interval));
            }

            var wait = TimeSpan.FromTicks(start - now);
            if (wait > maxWait)
            {
                return ValueTask.FromResult(new BudgetTicket(false, wait));
            }

            if (interval > 0)
            {
                slot.Tat = Math.Max(tat, start) + interval;
            }

            return ValueTask.FromResult(new BudgetTicket(true, wait));
        }
    }

    public ValueTask HoldAsync(BudgetScope scope, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (duration <= TimeSpan.Zero)
        {
            return ValueTask.CompletedTask;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var until = now + Math.Min(duration.Ticks, BudgetScopes.MaxHold.Ticks);
        var slot = _slots.GetOrAdd(scope.Key, _ => new Slot());
        lock (slot)
        {
            slot.HoldUntil = Math.Max(slot.HoldUntil, until);
        }

        return ValueTask.CompletedTask;
    }

    // A slot whose tokens are all back and whose hold has passed is the same as no slot.
    private void Sweep(long now)
    {
        if (_slots.Count < SweepAbove)
        {
            return;
        }

        foreach (var (key, slot) in _slots)
        {
            lock (slot)
            {
                if (slot.Tat <= now && slot.HoldUntil <= now)
                {
                    _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));
                }
            }
        }
    }

    /// <summary>GCRA state of one scope: the theoretical arrival time of the next token, and the hold, in UTC ticks.</summary>
    private sealed class Slot
    {
        public long Tat;
        public long HoldUntil;
    }
}
