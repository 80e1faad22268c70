using System.Collections.Concurrent;

namespace Paginate.Gateway.Caching;

/// <summary>
/// One upstream walk that identical calls arriving meanwhile wait for (CONTRACT §6.5 "shared calls"). The leader
/// publishes its complete answer; followers then answer from it with <c>meta.cache: "shared"</c>. When the walk
/// ends without a complete answer that fits the cache (a failure, a partial or too large answer), followers run
/// their own walk.
/// </summary>
internal sealed class AnswerFlight : IDisposable
{
    private readonly ConcurrentDictionary<string, AnswerFlight> _flights;
    private readonly TaskCompletionSource<CachedAnswer?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AnswerFlight(string key, ConcurrentDictionary<string, AnswerFlight> flights)
    {
        Key = key;
        _flights = flights;
    }

    public string Key { get; }

    /// <summary>The leader's answer, or null when followers must run.</summary>
    public Task<CachedAnswer?> Answer => _answer.Task;

    public void Publish(CachedAnswer? answer) => Finish(answer);

    public void Dispose() => Finish(null);

    private void Finish(CachedAnswer? answer)
    {
        _flights.TryRemove(new KeyValuePair<string, AnswerFlight>(Key, this));
        _answer.TrySetResult(answer);
    }
}
