using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Catalog;

/// <summary>Each test owns its redis-server: some stop it.</summary>
public sealed class CatalogTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private LoopbackUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Start_ExistingRunners_AreServedOnceReady()
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(_upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(id)).StatusCode);
    }

    [Fact]
    public async Task Publish_WhileRunning_IsServedSoon()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        using var connection = RedisConnection.Connect(_redis.ConnectionString);

        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(_upstream.Url("/items").ToString()));

        await Eventually.UntilAsync(async () => (await gateway.CallAsync(id)).StatusCode, s => s == HttpStatusCode.OK, what: "published runner served");
    }

    [Fact]
    public async Task Publish_PubSubMessageLost_IsPickedUpByVersionPoll()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var id = await TestRunners.WriteQuietlyAsync(_redis, TestRunners.Simple(_upstream.Url("/items").ToString()));

        await Eventually.UntilAsync(async () => (await gateway.CallAsync(id)).StatusCode, s => s == HttpStatusCode.OK, what: "quietly written runner served");
    }

    [Fact]
    public async Task Start_RunnerThatDoesNotCompile_IsSkippedOthersServed()
    {
        var bad = await TestRunners.WriteQuietlyAsync(_redis, TestRunners.Simple("not a url"));
        var good = await TestRunners.WriteQuietlyAsync(_redis, TestRunners.Simple(_upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.CallAsync(bad)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(good)).StatusCode);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains(bad, StringComparison.Ordinal) && l.Contains("does not compile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisStopped_ExistingRunnersStillServed_RedisBack_NewRunnersAppear()
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var before = await TestRunners.PublishAsync(connection, TestRunners.Simple(_upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(before)).StatusCode);

        await _redis.StopAsync();

        await Eventually.UntilAsync(() => gateway.Management.GetStringAsync("/readyz"), b => b.Contains("degraded", StringComparison.Ordinal), what: "readyz degraded");
        Assert.Equal(HttpStatusCode.OK, (await gateway.Management.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(before)).StatusCode);
        await Eventually.UntilAsync(
            () => gateway.Management.GetStringAsync("/metrics"),
            m => Regex.IsMatch(m, "paginate_catalog_stale\\{[^}]*\\} 1") && Regex.IsMatch(m, "paginate_redis_connected\\{[^}]*\\} 0"),
            what: "stale and disconnected gauges");
        // The call above completed although its record cannot be written: the record is dropped and counted.
        await Eventually.UntilAsync(
            () => gateway.Management.GetStringAsync("/metrics"),
            m => Regex.IsMatch(m, "paginate_call_records_dropped_total\\{[^}]*\\} [1-9]"),
            what: "dropped call record counted");

        await _redis.StartAgainAsync();
        var after = await TestRunners.WriteQuietlyAsync(_redis, TestRunners.Simple(_upstream.Url("/items").ToString()));

        await Eventually.UntilAsync(async () => (await gateway.CallAsync(after)).StatusCode, s => s == HttpStatusCode.OK, limit: TimeSpan.FromSeconds(30), what: "runner created after the outage served");
        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(before)).StatusCode);
        await Eventually.UntilAsync(() => gateway.Management.GetStringAsync("/readyz"), b => b.Contains("\"ready\"", StringComparison.Ordinal), what: "readyz ready again");
        Assert.Single(gateway.Logs.Lines, l => l.Contains("Catalog refresh failed", StringComparison.Ordinal));
        Assert.Single(gateway.Logs.Lines, l => l.Contains("Catalog refresh recovered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_OneStoredRunnerUnreadable_IsSkippedAndLoggedOthersAndTokensLoad()
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var good = await TestRunners.PublishAsync(connection, TestRunners.Simple(_upstream.Url("/items").ToString()));
        var token = await TestRunners.IssueTokenAsync(connection, good);
        // As a newer version might write it: not a runner this version can read.
        const string unreadable = "rn_unreadable_from_future";
        await _redis.CommandAsync("SET", RedisKeys.Runner(unreadable).ToString(), "{\"id\":\"rn_unreadable_from_future\",\"config\":[1,2,3]}");
        await _redis.CommandAsync("ZADD", RedisKeys.RunnerIndex.ToString(), "1", unreadable);

        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { AllowedNetworks = ["10.0.0.0/8"] });

        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(good, token: token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.CallAsync(unreadable, token: token)).StatusCode);
        Assert.Single(gateway.Logs.Lines, l => l.Contains(unreadable, StringComparison.Ordinal) && l.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("1 stored runners could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisAway_TokensHonouredForTheGraceThen401_StaticIpPathKeepsServing()
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(_upstream.Url("/items").ToString()));
        var token = await TestRunners.IssueTokenAsync(connection, id);
        var tokenClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var networkClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var byToken = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings
        {
            AllowedNetworks = ["10.0.0.0/8"],
            Extra = ["Gateway:StaleTokenGraceSeconds=300"],
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(tokenClock),
        });
        await using var byNetwork = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings
        {
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(networkClock),
        });
        Assert.Equal(HttpStatusCode.OK, (await byToken.CallAsync(id, token: token)).StatusCode);

        await _redis.StopAsync();
        foreach (var gateway in new[] { byToken, byNetwork })
        {
            await Eventually.UntilAsync(() => gateway.Management.GetStringAsync("/readyz"), b => b.Contains("\"catalog\":\"stale\"", StringComparison.Ordinal), what: "catalog stale");
        }

        tokenClock.Advance(TimeSpan.FromSeconds(299));
        networkClock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(HttpStatusCode.OK, (await byToken.CallAsync(id, token: token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await byNetwork.CallAsync(id)).StatusCode);

        tokenClock.Advance(TimeSpan.FromSeconds(2));
        var refused = await byToken.CallAsync(id, token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await byNetwork.CallAsync(id)).StatusCode);
        var metrics = await byToken.Management.GetStringAsync("/metrics");
        Assert.Matches("paginate_access_denied_total\\{[^}]*reason=\"stale_token\"[^}]*\\} 1", metrics);
    }
}
