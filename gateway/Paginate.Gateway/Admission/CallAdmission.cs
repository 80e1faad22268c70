using Microsoft.Extensions.Options;

namespace Paginate.Gateway.Admission;

/// <summary>
/// Counts the calls in flight against <c>Gateway:MaxConcurrentCalls</c> (CONTRACT §6.6) and lets the drain
/// wait for them (§6.7). Entering never waits: a call over the limit is refused at once, so a burst cannot
/// queue up memory or threads behind the calls already running.
/// </summary>
internal sealed class CallAdmission : IDisposable
{
    private readonly int _max;
    private readonly CancellationTokenSource _drainExpired = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource? _idle;
    private int _active;

    public CallAdmission(IOptions<GatewayOptions> options) => _max = options.Value.MaxConcurrentCalls;

    /// <summary>Calls in flight.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Cancelled when the drain time is over: the calls still running stop.</summary>
    public CancellationToken DrainExpired => _drainExpired.Token;

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _active) <= _max)
        {
            return true;
        }

        Exit();
        return false;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            lock (_gate)
            {
                // Completed once: a later wait must not see an old idle moment.
                _idle?.TrySetResult();
                _idle = null;
            }
        }
    }

    /// <summary>Completes when no call is in flight (at once when none is).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (Active == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>Cancels every call still in flight.</summary>
    public void CancelRemaining() => _drainExpired.Cancel();

    public void Dispose() => _drainExpired.Dispose();
}
