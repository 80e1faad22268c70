using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>Runners in Redis: one JSON string per runner, a sorted-set index, a catalog version and a channel.</summary>
public sealed class RedisRunnerStore(IConnectionMultiplexer redis) : IRunnerStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> TryCreateAsync(StoredRunner runner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var key = RedisKeys.Runner(runner.Id);
        var transaction = Db.CreateTransaction();

        // The condition makes the whole transaction a SET NX: two admins racing on one id cannot both win,
        // and an existing runner is never overwritten.
        transaction.AddCondition(Condition.KeyNotExists(key));
        _ = transaction.StringSetAsync(key, StorageJson.Serialize(runner));
        _ = transaction.SortedSetAddAsync(RedisKeys.RunnerIndex, runner.Id, runner.CreatedAt.ToUnixTimeMilliseconds());
        _ = transaction.StringIncrementAsync(RedisKeys.CatalogVersion);
        if (!await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // Published after the commit, not inside it: on a cluster a channel has no slot in common with the keys.
        // A lost message costs nothing more than before: gateways also poll the version.
        await Db.PublishAsync(RedisKeys.CatalogChannel, "runner:" + runner.Id).WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<StoredRunner?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var json = await Db.StringGetAsync(RedisKeys.Runner(id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return StorageJson.Deserialize<StoredRunner>(json);
    }

    public async Task<IReadOnlyList<RunnerSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var ids = await ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var runners = await GetManyAsync(ids, cancellationToken).ConfigureAwait(false);
        return runners.Select(r => new RunnerSummary(r.Id, r.Config.Name, r.CreatedAt)).ToArray();
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken = default)
    {
        var values = await Db.SortedSetRangeByRankAsync(RedisKeys.RunnerIndex, order: Order.Descending)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return values.Select(v => v.ToString()).ToArray();
    }

    public async Task<IReadOnlyList<StoredRunner>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<StoredRunner>(ids.Count);
        const int batch = 500;
        for (var start = 0; start < ids.Count; start += batch)
        {
            var keys = new RedisKey[Math.Min(batch, ids.Count - start)];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = RedisKeys.Runner(ids[start + i]);
            }

            var values = await Db.StringGetAsync(keys).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var value in values)
            {
                if (StorageJson.Deserialize<StoredRunner>(value) is { } runner)
                {
                    result.Add(runner);
                }
            }
        }

        return result;
    }
}
