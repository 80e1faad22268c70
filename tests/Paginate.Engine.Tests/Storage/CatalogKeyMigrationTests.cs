using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

public sealed class CatalogKeyMigrationTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private readonly RedisFixture _redis;

    public CatalogKeyMigrationTests(RedisFixture redis) => _redis = redis;

    private IConnectionMultiplexer Connection => _redis.Connection;

    public async Task InitializeAsync() => await _redis.Server.CommandAsync("FLUSHALL");

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Stored(string id) =>
        "{\"id\":\"" + id + "\",\"created_at\":\"2026-01-01T00:00:00Z\",\"config\":{\"name\":\"old " + id + "\",\"request\":{\"url\":\"https://api.example.com/x\"}}}";

    [Fact]
    public async Task UntaggedCatalog_IsCopiedOnce_ToTheTaggedKeys()
    {
        // A catalog as the untagged version wrote it: two runners, one token, version 7.
        await _redis.Server.CommandAsync("SET", "paginate:runner:rn_old1", Stored("rn_old1"));
        await _redis.Server.CommandAsync("SET", "paginate:runner:rn_old2", Stored("rn_old2"));
        await _redis.Server.CommandAsync("ZADD", "paginate:runners", "1000", "rn_old1", "2000", "rn_old2");
        await _redis.Server.CommandAsync("SET", "paginate:catalog:version", "7");
        await _redis.Server.CommandAsync("HSET", "paginate:token:rn_old1", "hash", "abc123", "issued_at", "2026-01-02T00:00:00.0000000Z", "rotations", "2", "recipient", "o***@clay.com");
        await _redis.Server.CommandAsync("HSET", "paginate:token-hashes", "rn_old1", "abc123");

        Assert.Equal(2, await CatalogKeyMigration.RunAsync(Connection));

        var runners = new RedisRunnerStore(Connection);
        Assert.Equal(["rn_old2", "rn_old1"], await runners.ListIdsAsync());
        Assert.Equal("old rn_old1", (await runners.GetAsync("rn_old1"))!.Config.Name);
        var tokens = new RedisTokenStore(Connection);
        Assert.Equal("abc123", (await tokens.GetAllHashesAsync())["rn_old1"]);
        Assert.Equal(2, (await tokens.GetAsync("rn_old1"))!.Rotations);
        Assert.True(await new RedisCatalogChangeFeed(Connection).GetVersionAsync() > 7);

        // Once only: a runner deleted by hand from the new keys is not brought back by the next start.
        await _redis.Server.CommandAsync("DEL", RedisKeys.Runner("rn_old2").ToString());
        Assert.Equal(0, await CatalogKeyMigration.RunAsync(Connection));
        Assert.Null(await runners.GetAsync("rn_old2"));
    }

    [Fact]
    public async Task NoUntaggedCatalog_DoesNothing()
    {
        Assert.Equal(0, await CatalogKeyMigration.RunAsync(Connection));
        Assert.Empty(await _redis.Server.CommandAsync("KEYS", "*"));
    }
}
