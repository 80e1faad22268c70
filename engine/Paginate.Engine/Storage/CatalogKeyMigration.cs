using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>
/// Copies a catalog stored under the untagged keys of earlier versions to the <c>{catalog}</c> keys, once: runners
/// (never overwriting one that exists), the index, token metadata and hashes (a newer token wins), and a catalog
/// version above both, announced on the channel so running gateways reload. Idempotent and safe to run from every
/// gateway at start; one key at a time, so it also runs on a cluster.
/// </summary>
public static class CatalogKeyMigration
{
    /// <summary>Runs the copy when untagged keys exist and it has not run yet. Returns the number of runners copied.</summary>
    public static async Task<int> RunAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var db = redis.GetDatabase();
        if (await db.KeyExistsAsync(RedisKeys.CatalogMigrated).WaitAsync(cancellationToken).ConfigureAwait(false)
            || !await db.KeyExistsAsync(LegacyCatalogKeys.RunnerIndex).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var copied = 0;
        foreach (var entry in await db.SortedSetRangeByRankWithScoresAsync(LegacyCatalogKeys.RunnerIndex).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = entry.Element.ToString();
            var json = await db.StringGetAsync(LegacyCatalogKeys.Runner(id)).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (json.IsNull)
            {
                continue;
            }

            if (await db.StringSetAsync(RedisKeys.Runner(id), json, when: When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                copied++;
            }

            await db.SortedSetAddAsync(RedisKeys.RunnerIndex, id, entry.Score, SortedSetWhen.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
            await CopyTokenAsync(db, id, cancellationToken).ConfigureAwait(false);
        }

        var legacyVersion = (long?)await db.StringGetAsync(LegacyCatalogKeys.CatalogVersion).WaitAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        await db.StringIncrementAsync(RedisKeys.CatalogVersion, legacyVersion + 1).WaitAsync(cancellationToken).ConfigureAwait(false);
        await db.StringSetAsync(RedisKeys.CatalogMigrated, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await db.PublishAsync(RedisKeys.CatalogChannel, "migrated").WaitAsync(cancellationToken).ConfigureAwait(false);
        return copied;
    }

    private static async Task CopyTokenAsync(IDatabase db, string id, CancellationToken cancellationToken)
    {
        if (await db.KeyExistsAsync(RedisKeys.Token(id)).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return; // a token issued since the upgrade is newer than the untagged one
        }

        var fields = await db.HashGetAllAsync(LegacyCatalogKeys.Token(id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (fields.Length == 0)
        {
            return;
        }

        await db.HashSetAsync(RedisKeys.Token(id), fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        var hash = await db.HashGetAsync(LegacyCatalogKeys.TokenHashes, id).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!hash.IsNull)
        {
            await db.HashSetAsync(RedisKeys.TokenHashes, id, hash).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
