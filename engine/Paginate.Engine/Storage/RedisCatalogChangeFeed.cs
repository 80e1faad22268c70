using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>The catalog version key and its pub/sub channel.</summary>
public sealed class RedisCatalogChangeFeed(IConnectionMultiplexer redis) : ICatalogChangeFeed
{
    public async Task<long> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var value = await redis.GetDatabase().StringGetAsync(RedisKeys.CatalogVersion).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    public Task SubscribeAsync(Action<string> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        return redis.GetSubscriber()
            .SubscribeAsync(RedisKeys.CatalogChannel, (_, message) => onChange(message.ToString()))
            .WaitAsync(cancellationToken);
    }
}
