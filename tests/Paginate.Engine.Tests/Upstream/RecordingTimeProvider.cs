using System.Collections.Concurrent;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>The system clock, recording every timer's due time (to see which delays the loop asked for).</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
