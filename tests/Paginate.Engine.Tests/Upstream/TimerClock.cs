using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>
/// A fake clock that lets a test wait until the code under test arms a timer of a given length, then move
/// time past it: waits such as Retry-After are checked exactly and cost no real seconds.
/// </summary>
internal sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();
    private readonly SemaphoreSlim _armed = new(0);

    public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        _armed.Release();
        return timer;
    }

    /// <summary>The first armed timer that <paramref name="match"/> accepts; fails after 10 s of real time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            foreach (var due in DueTimes)
            {
                if (match(due))
                {
                    return due;
                }
            }

            await _armed.WaitAsync(deadline.Token);
        }
    }
}
