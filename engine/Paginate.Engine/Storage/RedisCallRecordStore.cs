using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>Call records in Redis: a capped list per runner, newest first.</summary>
public sealed class RedisCallRecordStore(IConnectionMultiplexer redis, int maxPerRunner = RedisCallRecordStore.DefaultMaxPerRunner) : ICallRecordStore
{
    /// <summary>Records kept per runner; older ones are trimmed.</summary>
    public const int DefaultMaxPerRunner = 10_000;

    private IDatabase Db => redis.GetDatabase();

    public async Task AppendAsync(string runnerId, CallRecord record, CancellationToken cancellationToken = default)
    {
        var key = RedisKeys.Calls(runnerId);
        var batch = Db.CreateBatch();
        var push = batch.ListLeftPushAsync(key, StorageJson.Serialize(record));
        var trim = batch.ListTrimAsync(key, 0, maxPerRunner - 1);
        batch.Execute();
        await Task.WhenAll(push, trim).WaitAsync(cancellationToken).ConfigureAwait(false);
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
}
