using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>Usage notes in Redis: an append-only list per runner.</summary>
public sealed class RedisUsageNoteStore(IConnectionMultiplexer redis) : IUsageNoteStore
{
    private IDatabase Db => redis.GetDatabase();

    public Task AppendAsync(string runnerId, UsageNote note, CancellationToken cancellationToken = default) =>
        Db.ListRightPushAsync(RedisKeys.Notes(runnerId), StorageJson.Serialize(note)).WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<UsageNote>> ListAsync(string runnerId, CancellationToken cancellationToken = default)
    {
        var values = await Db.ListRangeAsync(RedisKeys.Notes(runnerId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return values.Select(v => StorageJson.Deserialize<UsageNote>(v)).OfType<UsageNote>().ToArray();
    }
}
