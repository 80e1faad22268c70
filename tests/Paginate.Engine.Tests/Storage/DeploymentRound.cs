using Paginate.Engine.Budgets;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

/// <summary>Every store and the budget, once, against a Redis deployment: what a single node, a cluster and Sentinel must all do.</summary>
internal static class DeploymentRound
{
    public static StoredRunner Runner(string id) => new()
    {
        Id = id,
        CreatedAt = DateTimeOffset.UtcNow,
        Config = new RunnerDefinition { Name = "deployed " + id, Request = new RequestSpec { Url = "https://api.example.com/x" } },
    };

    /// <summary>Publishes <paramref name="ids"/>, issues a token for the first, appends notes and records, and reads everything back from a second connection.</summary>
    public static async Task RunAsync(IConnectionMultiplexer writer, IConnectionMultiplexer reader, params string[] ids)
    {
        var runners = new RedisRunnerStore(writer);
        var before = await new RedisCatalogChangeFeed(reader).GetVersionAsync();
        foreach (var id in ids)
        {
            Assert.True(await runners.TryCreateAsync(Runner(id)));
            Assert.False(await runners.TryCreateAsync(Runner(id)));
        }

        var read = new RedisRunnerStore(reader);
        var listed = await read.ListIdsAsync();
        Assert.Superset(ids.ToHashSet(), listed.ToHashSet());
        Assert.Equal(ids.Order(StringComparer.Ordinal), (await read.GetManyAsync(ids)).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(before + ids.Length, await new RedisCatalogChangeFeed(reader).GetVersionAsync());

        var tokens = new RedisTokenStore(writer);
        await tokens.SetAsync(ids[0], "hash-1", "o***@clay.com", DateTimeOffset.UtcNow);
        var rotated = await tokens.SetAsync(ids[0], "hash-2", "o***@clay.com", DateTimeOffset.UtcNow);
        Assert.Equal(1, rotated.Rotations);
        Assert.Equal("hash-2", (await new RedisTokenStore(reader).GetAllHashesAsync())[ids[0]]);

        var notes = new RedisUsageNoteStore(writer);
        await notes.AppendAsync(ids[0], new UsageNote("first", DateTimeOffset.UtcNow));
        Assert.Equal(["first"], (await new RedisUsageNoteStore(reader).ListAsync(ids[0])).Select(n => n.Note));

        var records = new RedisCallRecordStore(writer);
        await records.AppendAsync(ids[0], new CallRecord { At = DateTimeOffset.UtcNow, Mode = "live", Outcome = "success", Pages = 1, StopReason = "single_page" });
        Assert.Single(await new RedisCallRecordStore(reader).ReadAsync(ids[0], null, 10));
    }

    /// <summary>Two gateways' budgets on one scope: the burst once, then the schedule, with no fallback to local budgets.</summary>
    public static async Task BudgetAsync(IConnectionMultiplexer a, IConnectionMultiplexer b, string runnerId)
    {
        var first = new RedisUpstreamBudget(a);
        var second = new RedisUpstreamBudget(b);
        var rate = new RateLimitSpec { RequestsPerSecond = 1, Burst = 2, Scope = RateLimitScopes.Credential };
        KeyValuePair<string, string>[] headers = [new("Authorization", "Bearer deployment-canary")];
        await Eventually.UntilAsync(
            () => Task.FromResult(first.Scope(runnerId, rate, headers).Key == second.Scope(runnerId, rate, headers).Key), same => same, what: "shared hash key");
        var scope = first.Scope(runnerId, rate, headers);
        Assert.Equal(scope.Key, second.Scope(runnerId, rate, headers).Key);

        Assert.Equal(TimeSpan.Zero, (await first.TakeAsync(scope, TimeSpan.FromMinutes(1), CancellationToken.None)).Wait);
        Assert.Equal(TimeSpan.Zero, (await second.TakeAsync(scope, TimeSpan.FromMinutes(1), CancellationToken.None)).Wait);
        var third = await first.TakeAsync(scope, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.InRange(third.Wait.TotalMilliseconds, 500, 1000);

        await second.HoldAsync(scope, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.InRange((await first.TakeAsync(scope, TimeSpan.FromMinutes(1), CancellationToken.None)).Wait.TotalSeconds, 9, 10);
        Assert.Equal(0, first.Fallbacks + second.Fallbacks);
    }
}
