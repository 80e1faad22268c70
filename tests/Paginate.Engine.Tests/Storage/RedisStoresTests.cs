using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

public sealed class RedisStoresTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private readonly RedisFixture _redis;
    private IConnectionMultiplexer _connection = null!;

    public RedisStoresTests(RedisFixture redis) => _redis = redis;

    public async Task InitializeAsync()
    {
        _connection = RedisConnection.Connect(_redis.ConnectionString);
        await _redis.Server.CommandAsync("FLUSHALL");
    }

    public Task DisposeAsync()
    {
        _connection.Dispose();
        return Task.CompletedTask;
    }

    private static StoredRunner Runner(string id, string name, DateTimeOffset at) => new()
    {
        Id = id,
        CreatedAt = at,
        Config = new RunnerDefinition
        {
            Name = name,
            Request = new RequestSpec { Url = "https://api.example.com/items?q={{q}}", StaticHeaders = new Dictionary<string, string> { ["Accept"] = "application/json" } },
            Pagination = new PaginationSpec { Style = PaginationStyles.Cursor, CursorPath = "$last_item.id", CursorParam = ParamPlacement.Query("starting_after") },
        },
    };

    [Fact]
    public async Task TryCreate_NewId_StoresIndexesBumpsVersionAndPublishes()
    {
        var store = new RedisRunnerStore(_connection);
        var feed = new RedisCatalogChangeFeed(_connection);
        var messages = new List<string>();
        var received = new TaskCompletionSource();
        await feed.SubscribeAsync(m => { lock (messages) { messages.Add(m); } received.TrySetResult(); });
        var before = await feed.GetVersionAsync();

        Assert.True(await store.TryCreateAsync(Runner("rn_a", "A", DateTimeOffset.UnixEpoch.AddDays(1))));

        var loaded = await store.GetAsync("rn_a");
        Assert.NotNull(loaded);
        Assert.Equal("A", loaded.Config.Name);
        Assert.Equal("starting_after", loaded.Config.Pagination.CursorParam!.Name);
        Assert.Equal("application/json", loaded.Config.Request.StaticHeaders["Accept"]);
        Assert.Equal(before + 1, await feed.GetVersionAsync());
        await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("runner:rn_a", messages);
    }

    [Fact]
    public async Task TryCreate_ExistingId_NeverOverwrites()
    {
        var store = new RedisRunnerStore(_connection);
        Assert.True(await store.TryCreateAsync(Runner("rn_same", "first", DateTimeOffset.UtcNow)));

        Assert.False(await store.TryCreateAsync(Runner("rn_same", "second", DateTimeOffset.UtcNow)));

        Assert.Equal("first", (await store.GetAsync("rn_same"))!.Config.Name);
    }

    [Fact]
    public async Task TryCreate_ConcurrentSameId_ExactlyOneWins()
    {
        var store = new RedisRunnerStore(_connection);
        var attempts = Enumerable.Range(0, 20)
            .Select(i => store.TryCreateAsync(Runner("rn_race", "writer " + i, DateTimeOffset.UtcNow)));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
        var winner = Array.IndexOf(results, true);
        Assert.Equal("writer " + winner, (await store.GetAsync("rn_race"))!.Config.Name);
    }

    [Fact]
    public async Task List_ReturnsNewestFirst_AndGetManySkipsMissing()
    {
        var store = new RedisRunnerStore(_connection);
        await store.TryCreateAsync(Runner("rn_old", "old", DateTimeOffset.UnixEpoch.AddDays(1)));
        await store.TryCreateAsync(Runner("rn_new", "new", DateTimeOffset.UnixEpoch.AddDays(2)));

        var list = await store.ListAsync();
        var many = await store.GetManyAsync(["rn_old", "rn_missing", "rn_new"]);

        Assert.Equal(["rn_new", "rn_old"], list.Select(r => r.Id));
        Assert.Equal(["rn_old", "rn_new"], many.Select(r => r.Id));
    }

    [Fact]
    public async Task Token_Set_ReplacesHashCountsRotationsAndBumpsVersion()
    {
        var tokens = new RedisTokenStore(_connection);
        var feed = new RedisCatalogChangeFeed(_connection);
        Assert.Null(await tokens.GetAsync("rn_t"));

        var first = await tokens.SetAsync("rn_t", "hash1", "o***@clay.com", DateTimeOffset.UnixEpoch);
        var version = await feed.GetVersionAsync();
        var second = await tokens.SetAsync("rn_t", "hash2", "o***@clay.com", DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Equal(0, first.Rotations);
        Assert.Equal(1, second.Rotations);
        Assert.Equal(version + 1, await feed.GetVersionAsync());
        var stored = await tokens.GetAsync("rn_t");
        Assert.Equal("hash2", stored!.Hash);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(1), stored.IssuedAt);
        Assert.Equal("hash2", (await tokens.GetAllHashesAsync())["rn_t"]);
    }

    [Fact]
    public async Task CallRecords_NewestFirst_CappedAndFilteredBySince()
    {
        var calls = new RedisCallRecordStore(_connection, maxPerRunner: 5);
        var start = DateTimeOffset.UnixEpoch.AddYears(50);
        for (var i = 0; i < 8; i++)
        {
            await calls.AppendAsync("rn_c", new CallRecord { At = start.AddMinutes(i), Mode = "live", Outcome = "success", Pages = i });
        }

        var all = await calls.ReadAsync("rn_c", null, 100);
        var recent = await calls.ReadAsync("rn_c", start.AddMinutes(6), 100);

        Assert.Equal([7, 6, 5, 4, 3], all.Select(r => r.Pages));
        Assert.Equal([7, 6], recent.Select(r => r.Pages));
    }

    [Fact]
    public async Task UsageNotes_AppendOnly_OldestFirst()
    {
        var notes = new RedisUsageNoteStore(_connection);
        await notes.AppendAsync("rn_n", new UsageNote("used by the Growth table", DateTimeOffset.UnixEpoch));
        await notes.AppendAsync("rn_n", new UsageNote("also Signals", DateTimeOffset.UnixEpoch.AddDays(1)));

        var list = await notes.ListAsync("rn_n");

        Assert.Equal(["used by the Growth table", "also Signals"], list.Select(n => n.Note));
    }

    [Fact]
    public async Task Calls_WhenRedisIsDown_FailWithinTheTimeoutInsteadOfHanging()
    {
        await using var server = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(server.ConnectionString);
        var store = new RedisRunnerStore(connection);
        await server.StopAsync();

        var failure = await Record.ExceptionAsync(() => store.GetAsync("rn_x").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.NotNull(failure);
        Assert.IsNotType<TimeoutException>(failure is AggregateException a ? a.InnerException : failure);
    }
}
