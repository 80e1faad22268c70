namespace Paginate.Engine.Upstream;

/// <summary>Counts shared by the pages of one run (pages may be fetched concurrently).</summary>
internal sealed class RunCounters
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    public void AddRetry() => Interlocked.Increment(ref _retries);
}
