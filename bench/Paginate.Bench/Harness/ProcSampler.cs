namespace Paginate.Bench.Harness;

/// <summary>Samples a process's status in the background and keeps the maxima, until disposed.</summary>
internal sealed class ProcSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProcSampler(int pid, int intervalMs = 10)
    {
        _pid = pid;
        First = ProcStatus.Read(pid);
        MaxRssKb = First.RssKb;
        MaxThreads = First.Threads;
        _loop = Task.Run(() => LoopAsync(intervalMs));
    }

    public ProcStatus First { get; }

    public long MaxRssKb { get; private set; }

    public int MaxThreads { get; private set; }

    public ProcStatus Last { get; private set; }

    private async Task LoopAsync(int intervalMs)
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(intervalMs, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Sample()
    {
        try
        {
            var status = ProcStatus.Read(_pid);
            Last = status;
            MaxRssKb = Math.Max(MaxRssKb, Math.Max(status.RssKb, status.HwmKb));
            MaxThreads = Math.Max(MaxThreads, status.Threads);
        }
        catch (IOException)
        {
            // The process ended; the maxima so far stand.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Sample();
        _stop.Dispose();
    }
}
