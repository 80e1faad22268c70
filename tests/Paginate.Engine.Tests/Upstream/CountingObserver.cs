using System.Collections.Concurrent;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Tests.Upstream;

internal sealed class CountingObserver : IRunObserver
{
    private int _retries;

    public ConcurrentQueue<int?> Statuses { get; } = new();

    public int Retries => _retries;

    public void UpstreamRequestCompleted(int? statusCode, TimeSpan duration) => Statuses.Enqueue(statusCode);

    public void RetryScheduled() => Interlocked.Increment(ref _retries);
}
