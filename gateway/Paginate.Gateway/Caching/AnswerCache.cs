using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Caching;

/// <summary>
/// Complete answers in this gateway's memory only (rows are customer data: never in Redis), bounded by
/// <c>Gateway__CacheMaxMiB</c> in all, least recently used evicted first, and by <c>Gateway__CacheMaxAnswerKiB</c>
/// per answer. Entries expire with their runner's <c>cache.ttl_seconds</c>. Thread-safe.
/// </summary>
internal sealed class AnswerCache
{
    private readonly Dictionary<string, LinkedListNode<(string Key, CachedAnswer Answer)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CachedAnswer Answer)> _recent = new();
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private long _bytes;

    public AnswerCache(GatewayOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        MaxBytes = (long)options.CacheMaxMiB * 1024 * 1024;
        MaxAnswerBytes = (long)options.CacheMaxAnswerKiB * 1024;
        _time = time;
    }

    public long MaxBytes { get; }

    public long MaxAnswerBytes { get; }

    /// <summary>Bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public CachedAnswer? Get(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            if (node.Value.Answer.Expires <= _time.GetUtcNow())
            {
                Remove(node);
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Answer;
        }
    }

    /// <summary>Keeps a complete answer for <paramref name="ttl"/> and returns it; a partial or too large one is not kept (null).</summary>
    public CachedAnswer? Add(string key, byte[] items, RunResult result, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Partial || result.ErrorCode is not null || items.Length > MaxAnswerBytes || items.Length > MaxBytes || ttl <= TimeSpan.Zero)
        {
            return null;
        }

        var answer = new CachedAnswer(items, result with { Trace = null }, _time.GetUtcNow() + ttl);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                Remove(old);
            }

            while (_bytes + items.Length > MaxBytes && _recent.Last is { } oldest)
            {
                Remove(oldest);
            }

            _entries[key] = _recent.AddFirst((key, answer));
            _bytes += items.Length;
            return answer;
        }
    }

    private void Remove(LinkedListNode<(string Key, CachedAnswer Answer)> node)
    {
        _recent.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Answer.Items.Length;
    }
}
