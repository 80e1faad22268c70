using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>
/// Call records in Redis: a capped list per runner, newest first, and a hash of lifetime counters next to it.
/// A runner's records of one batch and their counters go in one script call (atomic, one slot), and the calls
/// for every runner of a batch are pipelined: one round trip for a whole batch.
/// </summary>
public sealed class RedisCallRecordStore(IConnectionMultiplexer redis, int maxPerRunner = RedisCallRecordStore.DefaultMaxPerRunner) : ICallRecordStore
{
    /// <summary>Records kept per runner; older ones are trimmed (the counters keep counting).</summary>
    public const int DefaultMaxPerRunner = 10_000;

    /// <summary>Records per script call: Lua's <c>unpack</c> has a stack limit of a few thousand values.</summary>
    private const int MaxPerScript = 500;

    private IDatabase Db => redis.GetDatabase();

    public Task AppendAsync(string runnerId, CallRecord record, CancellationToken cancellationToken = default) =>
        AppendManyAsync([(runnerId, record)], cancellationToken);

    public async Task AppendManyAsync(IReadOnlyList<(string RunnerId, CallRecord Record)> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var db = Db;
        var writes = new List<Task>();
        foreach (var group in records.GroupBy(r => r.RunnerId, StringComparer.Ordinal))
        {
            // Oldest first, across chunks too: each LPUSH puts its values at the head in turn, so the newest ends first.
            foreach (var chunk in group.Select(r => r.Record).OrderBy(r => r.At).Chunk(MaxPerScript))
            {
                writes.Add(db.ScriptEvaluateAsync(CallRecordScripts.Append, [RedisKeys.Calls(group.Key), RedisKeys.CallTotals(group.Key)], AppendArguments(chunk)));
            }
        }

        // Every script is sent before any answer is awaited: the multiplexer pipelines them on one connection.
        await Task.WhenAll(writes).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CallRecord>> ReadAsync(string runnerId, DateTimeOffset? since, int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }

        var values = await Db.ListRangeAsync(RedisKeys.Calls(runnerId), 0, max - 1).WaitAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<CallRecord>(values.Length);
        foreach (var value in values)
        {
            var record = StorageJson.Deserialize<CallRecord>(value);
            if (record is null)
            {
                continue;
            }

            if (since is { } from && record.At < from)
            {
                break; // newest first: everything after this is older
            }

            records.Add(record);
        }

        return records;
    }

    public async Task<CallTotals> ReadTotalsAsync(string runnerId, CancellationToken cancellationToken = default) =>
        (await ReadTotalsAsync([runnerId], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<CallTotals>> ReadTotalsAsync(IReadOnlyList<string> runnerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runnerIds);
        var db = Db;
        var reads = runnerIds
            .Select(id => db.ScriptEvaluateAsync(CallRecordScripts.ReadTotals, [RedisKeys.Calls(id), RedisKeys.CallTotals(id)]))
            .ToList();
        await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);

        var totals = new CallTotals[runnerIds.Count];
        for (var i = 0; i < totals.Length; i++)
        {
            var answer = (RedisResult[])reads[i].Result!;
            var entries = ToEntries((RedisResult[])answer[0]!);
            var legacy = (RedisValue[])answer[1]!;
            if (legacy.Length > 0)
            {
                // Records kept from before counters existed: count them once, for good (see CallRecordScripts.Backfill).
                var increments = CallTotalsFields.Increments(legacy.Select(v => StorageJson.Deserialize<CallRecord>(v)).OfType<CallRecord>());
                await db.ScriptEvaluateAsync(CallRecordScripts.Backfill, [RedisKeys.CallTotals(runnerIds[i])], Flatten(increments, [])).WaitAsync(cancellationToken).ConfigureAwait(false);
                entries = CallTotalsFields.Merge(entries, increments);
            }

            totals[i] = CallTotalsFields.Read(entries);
        }

        return totals;
    }

    private RedisValue[] AppendArguments(CallRecord[] chunk)
    {
        RedisValue[] head = [maxPerRunner, chunk.Length];
        var json = chunk.Select(r => (RedisValue)StorageJson.Serialize(r));
        return Flatten(CallTotalsFields.Increments(chunk), [.. head, .. json]);
    }

    private static RedisValue[] Flatten(Dictionary<string, long> increments, RedisValue[] before)
    {
        var values = new RedisValue[before.Length + (increments.Count * 2)];
        before.CopyTo(values, 0);
        var i = before.Length;
        foreach (var (field, value) in increments)
        {
            values[i++] = field;
            values[i++] = value;
        }

        return values;
    }

    private static HashEntry[] ToEntries(RedisResult[] flat)
    {
        var entries = new HashEntry[flat.Length / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new HashEntry((RedisValue)flat[2 * i], (RedisValue)flat[(2 * i) + 1]);
        }

        return entries;
    }
}
