using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Runners;
using Paginate.Gateway.Caching;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Caching;

/// <summary>The answer cache through a real gateway (CONTRACT §6.5).</summary>
public sealed class CachedCallTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public CachedCallTests(RedisFixture redis) => _redis = redis;

    private static async Task<(JsonElement Items, JsonElement Meta)> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (document.RootElement.GetProperty("items").Clone(), document.RootElement.GetProperty("meta").Clone());
    }

    [Fact]
    public async Task SameInputs_SecondCallIsAHit_OtherCredentialOrValueIsAMiss_NoCacheRefreshes()
    {
        var served = 0;
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", ctx =>
        {
            var n = Interlocked.Increment(ref served);
            return ctx.Response.WriteAsync($$"""{"data":[{"id":"CANARYROW{{n}}","q":"{{ctx.Request.Query["q"]}}"}]}""");
        }));
        var connection = _redis.Connection;
        var definition = TestRunners.Simple(upstream.Url("/items?q={{q}}").ToString(), forwardHeaders: ["Authorization"]) with { Cache = new CacheSpec { TtlSeconds = 60 } };
        var id = await TestRunners.PublishAsync(connection, definition);
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        KeyValuePair<string, string>[] alice = [new("Authorization", "Bearer CANARYALICE")];
        KeyValuePair<string, string>[] bob = [new("Authorization", "Bearer CANARYBOB")];

        var (items1, meta1) = await ReadAsync(await gateway.CallAsync(id, "?q=x", headers: alice));
        Assert.Equal("miss", meta1.GetProperty("cache").GetString());

        var (items2, meta2) = await ReadAsync(await gateway.CallAsync(id, "?q=x", headers: alice));
        Assert.Equal("hit", meta2.GetProperty("cache").GetString());
        Assert.Equal(items1.GetRawText(), items2.GetRawText());
        Assert.Equal(meta1.GetProperty("stop_reason").GetString(), meta2.GetProperty("stop_reason").GetString());
        Assert.Equal(1, meta2.GetProperty("pages").GetInt32());
        Assert.Equal(1, served);

        // Another credential, or another placeholder value, never gets that answer.
        Assert.Equal("miss", (await ReadAsync(await gateway.CallAsync(id, "?q=x", headers: bob))).Meta.GetProperty("cache").GetString());
        Assert.Equal("miss", (await ReadAsync(await gateway.CallAsync(id, "?q=y", headers: alice))).Meta.GetProperty("cache").GetString());
        Assert.Equal(3, served);

        // no-cache skips the lookup and refreshes the entry: the next call gets the fresh rows.
        var refresh = new HttpRequestMessage(HttpMethod.Get, $"/r/{id}?q=x");
        refresh.Headers.TryAddWithoutValidation("Authorization", "Bearer CANARYALICE");
        refresh.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        var (fresh, freshMeta) = await ReadAsync(await gateway.Public.SendAsync(refresh));
        Assert.Equal("miss", freshMeta.GetProperty("cache").GetString());
        Assert.Equal("CANARYROW4", fresh[0].GetProperty("id").GetString());
        var (again, againMeta) = await ReadAsync(await gateway.CallAsync(id, "?q=x", headers: alice));
        Assert.Equal("hit", againMeta.GetProperty("cache").GetString());
        Assert.Equal("CANARYROW4", again[0].GetProperty("id").GetString());
        Assert.Equal(4, served);

        // Rows stay in the gateway's memory: none reach Redis, logs or metrics.
        var metrics = await gateway.Management.GetStringAsync("/metrics");
        Assert.Matches("""(?m)^paginate_cache_lookups_total\{[^}]*result="hit"[^}]*\} 2$""", metrics);
        foreach (var text in new[] { await _redis.Server.DumpAllAsync(), gateway.Logs.All, metrics })
        {
            Assert.DoesNotContain("CANARY", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PartialAnswer_IsNotCached()
    {
        var served = 0;
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", ctx =>
        {
            Interlocked.Increment(ref served);
            if (ctx.Request.Query["page"] == "2")
            {
                ctx.Response.StatusCode = 500;
                return ctx.Response.WriteAsync("{}");
            }

            return ctx.Response.WriteAsync("""{"data":[{"id":1}]}""");
        }));
        var connection = _redis.Connection;
        var definition = TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Pagination = new PaginationSpec { Style = PaginationStyles.PageNumber },
            Cache = new CacheSpec { TtlSeconds = 60 },
        };
        var id = await TestRunners.PublishAsync(connection, definition);
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var (_, first) = await ReadAsync(await gateway.CallAsync(id));
        Assert.True(first.GetProperty("partial").GetBoolean());
        var (_, second) = await ReadAsync(await gateway.CallAsync(id));
        Assert.Equal("miss", second.GetProperty("cache").GetString());
        Assert.Equal(4, served);
    }

    [Fact]
    public async Task TwentyIdenticalConcurrentCalls_ShareOneUpstreamWalk()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Map("/items", async ctx =>
        {
            await Volatile.Read(ref gate).Task;
            await ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}""");
        }));
        var connection = _redis.Connection;
        var definition = TestRunners.Simple(upstream.Url("/items").ToString(), forwardHeaders: ["Authorization"]) with { Cache = new CacheSpec { TtlSeconds = 60 } };
        var id = await TestRunners.PublishAsync(connection, definition);
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        using (var warmUp = await gateway.CallAsync(id, headers: [new("Authorization", "Bearer warm-up")]))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var before = upstream.RequestCount;
        var cache = gateway.Services.GetRequiredService<CachedCalls>();

        // The walk is held until all twenty calls are in: one leads it, nineteen wait for it.
        Volatile.Write(ref gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        KeyValuePair<string, string>[] alice = [new("Authorization", "Bearer alice")];
        var calls = Enumerable.Range(0, 20).Select(_ => gateway.CallAsync(id, headers: alice)).ToList();
        await Eventually.UntilAsync(() => Task.FromResult(cache.Waiting), n => n == 19, what: "nineteen calls waiting");
        gate.SetResult();

        var metas = new List<string>();
        foreach (var call in calls)
        {
            var (items, meta) = await ReadAsync(await call);
            Assert.Equal(2, items.GetArrayLength());
            metas.Add(meta.GetProperty("cache").GetString()!);
        }

        Assert.Equal(1, upstream.RequestCount - before);
        Assert.Equal(1, metas.Count(m => m == "miss"));
        Assert.Equal(19, metas.Count(m => m == "shared"));
    }
}
