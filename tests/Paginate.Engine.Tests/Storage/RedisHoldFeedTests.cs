using System.Globalization;
using Paginate.Engine.Budgets;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

/// <summary>
/// A scope without a rate budget costs Redis nothing per upstream request: holds are announced on pub/sub and
/// checked in memory. Each test has its own redis-server, so its command counts are this test's alone.
/// </summary>
public sealed class RedisHoldFeedTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    // Commands the client library sends on its own schedule (keep-alive, topology checks), not per request.
    private static readonly string[] Housekeeping = ["info", "ping", "echo", "cluster", "client", "config", "subscribe", "command"];

    private static async Task<Dictionary<string, long>> CommandCallsAsync(RedisServer server)
    {
        var text = string.Join('\n', await server.CommandAsync("INFO", "commandstats"));
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            var name = line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)];
            var start = line.IndexOf("calls=", StringComparison.Ordinal) + "calls=".Length;
            var end = line.IndexOf(',', start);
            if (!Housekeeping.Any(h => name.StartsWith(h, StringComparison.Ordinal)))
            {
                calls[name] = long.Parse(line[start..end], CultureInfo.InvariantCulture);
            }
        }

        return calls;
    }

    [Fact]
    public async Task NoBudget_NoHold_SendsNoRedisCommandPerRequest()
    {
        await using var server = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(server.ConnectionString);
        var budget = new RedisUpstreamBudget(connection);
        var scope = budget.Scope("rn_plain", null, NoHeaders);

        // The fleet's hash key is fetched once, in the background, when the budget starts (not per request): its
        // commands are counted before the requests are.
        var credential = new RateLimitSpec { RequestsPerSecond = 1, Scope = RateLimitScopes.Credential };
        await Eventually.UntilAsync(
            async () => (string?)await connection.GetDatabase().StringGetAsync(RedisKeys.BudgetHashKey) is { } stored
                && new LocalUpstreamBudget(hashKey: Convert.FromBase64String(stored)).Scope("rn_plain", credential, NoHeaders).Key
                    == budget.Scope("rn_plain", credential, NoHeaders).Key,
            fetched => fetched,
            what: "hash key fetched");
        var before = await CommandCallsAsync(server);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(BudgetTicket.Now, await budget.TakeAsync(scope, Long, CancellationToken.None));
        }

        Assert.Equal(before, await CommandCallsAsync(server));
        Assert.Equal(0, budget.Fallbacks);
    }

    [Fact]
    public async Task NoBudget_HoldSetOnOneGateway_HoldsTheOther_CheckedInMemory()
    {
        await using var server = await RedisServer.StartAsync();
        using var connectionA = RedisConnection.Connect(server.ConnectionString);
        using var connectionB = RedisConnection.Connect(server.ConnectionString);
        var a = new RedisUpstreamBudget(connectionA);
        var b = new RedisUpstreamBudget(connectionB);
        await a.HoldAsync(a.Scope("rn_held", null, NoHeaders), TimeSpan.FromSeconds(30), CancellationToken.None);

        // Pub/sub delivers the announcement a moment later; from then on B holds the scope without asking Redis.
        var seen = await Eventually.UntilAsync(
            () => b.TakeAsync(b.Scope("rn_held", null, NoHeaders), Long, CancellationToken.None).AsTask(),
            t => t.Wait > TimeSpan.Zero,
            what: "hold announced");
        Assert.InRange(seen.Wait.TotalSeconds, 29, 30);

        var before = await CommandCallsAsync(server);
        for (var i = 0; i < 10; i++)
        {
            var ticket = await b.TakeAsync(b.Scope("rn_held", null, NoHeaders), Long, CancellationToken.None);
            Assert.True(ticket.Granted);
            Assert.InRange(ticket.Wait.TotalSeconds, 29, 30);
        }

        Assert.Equal(TimeSpan.Zero, (await b.TakeAsync(b.Scope("rn_other", null, NoHeaders), Long, CancellationToken.None)).Wait);
        Assert.Equal(before, await CommandCallsAsync(server));

        // A hold shorter than the one set is no announcement to shorten it: the longer hold wins everywhere.
        // A's announcements reach B in order: once B holds a barrier scope announced after it, the 1 s hold has arrived too.
        await a.HoldAsync(a.Scope("rn_held", null, NoHeaders), TimeSpan.FromSeconds(1), CancellationToken.None);
        await a.HoldAsync(a.Scope("rn_barrier", null, NoHeaders), TimeSpan.FromSeconds(30), CancellationToken.None);
        await Eventually.UntilAsync(
            () => b.TakeAsync(b.Scope("rn_barrier", null, NoHeaders), Long, CancellationToken.None).AsTask(),
            t => t.Wait > TimeSpan.Zero,
            what: "barrier hold announced");
        Assert.InRange((await b.TakeAsync(b.Scope("rn_held", null, NoHeaders), Long, CancellationToken.None)).Wait.TotalSeconds, 28, 30);
    }

    [Fact]
    public async Task HoldAnnouncement_OfACredentialScope_CarriesTheKeyedHash_NeverTheHeaderValue()
    {
        const string Canary = "Bearer CANARYHOLD7731";
        await using var server = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(server.ConnectionString);
        using var listener = RedisConnection.Connect(server.ConnectionString);
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await listener.GetSubscriber().SubscribeAsync(RedisUpstreamBudget.HoldChannel, (_, message) => heard.TrySetResult(message.ToString()));
        var budget = new RedisUpstreamBudget(connection);
        var scope = budget.Scope("rn_cred", new RateLimitSpec { RequestsPerSecond = 1, Scope = RateLimitScopes.Credential }, [new("Authorization", Canary)]);

        await budget.HoldAsync(scope, TimeSpan.FromSeconds(5), CancellationToken.None);

        var message = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.EndsWith(" " + scope.Key, message, StringComparison.Ordinal);
        Assert.StartsWith("rn_cred:c:", scope.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", message, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", await server.DumpAllAsync(), StringComparison.Ordinal);
    }
}
