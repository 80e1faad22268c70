using Paginate.Engine.Contracts;

namespace Paginate.Engine.Upstream;

/// <summary>
/// What the shared retry pipeline needs to know about the run of one page: when the run's total budget
/// ends (a <c>Retry-After</c> is capped by it), who to tell about retries, and the counts.
/// </summary>
internal sealed class RetryBudget
{
    private int _retries;

    public RetryBudget(TimeProvider time, long deadlineTimestamp, IRunObserver? observer, RunCounters counters)
    {
        Time = time;
        DeadlineTimestamp = deadlineTimestamp;
        Observer = observer;
        Counters = counters;
    }

    public TimeProvider Time { get; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at which the run's total timeout ends.</summary>
    public long DeadlineTimestamp { get; }

    public IRunObserver? Observer { get; }

    public RunCounters Counters { get; }

    /// <summary>Retries of this page.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Time left in the run's budget (zero when spent).</summary>
    public TimeSpan TimeLeft
    {
        get
        {
            var now = Time.GetTimestamp();
            return now >= DeadlineTimestamp ? TimeSpan.Zero : Time.GetElapsedTime(now, DeadlineTimestamp);
        }
    }

    public void RetryScheduled()
    {
        Interlocked.Increment(ref _retries);
        Counters.AddRetry();
        try
        {
            Observer?.RetryScheduled();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An observer must not throw; if it does, the run goes on.
        }
    }
}
