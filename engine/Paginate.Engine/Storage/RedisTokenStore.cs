using System.Globalization;
using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>Token hashes in Redis: metadata per runner plus one hash of all current hashes for gateways.</summary>
public sealed class RedisTokenStore(IConnectionMultiplexer redis) : ITokenStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<TokenRecord?> GetAsync(string runnerId, CancellationToken cancellationToken = default)
    {
        var entries = await Db.HashGetAllAsync(RedisKeys.Token(runnerId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        return new TokenRecord
        {
            Hash = fields.GetValueOrDefault("hash", ""),
            IssuedAt = DateTimeOffset.Parse(fields.GetValueOrDefault("issued_at", "1970-01-01T00:00:00Z"), CultureInfo.InvariantCulture),
            Rotations = int.Parse(fields.GetValueOrDefault("rotations", "0"), CultureInfo.InvariantCulture),
            Recipient = fields.GetValueOrDefault("recipient", ""),
        };
    }

    public async Task<TokenRecord> SetAsync(string runnerId, string hash, string maskedRecipient, DateTimeOffset issuedAt, CancellationToken cancellationToken = default)
    {
        var key = RedisKeys.Token(runnerId);
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(key,
        [
            new HashEntry("hash", hash),
            new HashEntry("issued_at", issuedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
            new HashEntry("recipient", maskedRecipient),
        ]);
        var rotations = transaction.HashIncrementAsync(key, "rotations");
        _ = transaction.HashSetAsync(RedisKeys.TokenHashes, runnerId, hash);
        _ = transaction.StringIncrementAsync(RedisKeys.CatalogVersion);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        // After the commit: on a cluster the channel shares no slot with the keys (see RedisRunnerStore).
        await Db.PublishAsync(RedisKeys.CatalogChannel, "token:" + runnerId).WaitAsync(cancellationToken).ConfigureAwait(false);

        // The first token is issue number one; every later one is a rotation.
        return new TokenRecord
        {
            Hash = hash,
            IssuedAt = issuedAt,
            Rotations = (int)await rotations.ConfigureAwait(false) - 1,
            Recipient = maskedRecipient,
        };
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAllHashesAsync(CancellationToken cancellationToken = default)
    {
        var entries = await Db.HashGetAllAsync(RedisKeys.TokenHashes).WaitAsync(cancellationToken).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
    }
}
