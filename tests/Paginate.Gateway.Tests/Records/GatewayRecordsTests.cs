using System.Net;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Records;

public sealed class GatewayRecordsTests
{
    [Fact]
    public async Task Calls_AreRecordedAndCounted_AndTheHostsStopWritesWhatIsQueued()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            ctx.Request.Query["fail"] == "1"
                ? Fail(ctx)
                : ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}"""));
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items?fail={{fail}}").ToString()));
        var gateway = await GatewayHost.StartAsync(redis.ConnectionString);
        var before = DateTimeOffset.UtcNow;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var ok = await gateway.CallAsync(id, "?fail=0");
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                await ok.Content.ReadAsStringAsync();
            }

            using var failed = await gateway.CallAsync(id, "?fail=1");
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }
        finally
        {
            // Stopped at once: the records may still wait for the batch timer; stopping must write them.
            await gateway.DisposeAsync();
        }

        var store = new RedisCallRecordStore(connection);
        var totals = await store.ReadTotalsAsync(id);
        var kept = await store.ReadAsync(id, null, 10);
        Assert.Equal(4, totals.Calls);
        Assert.Equal(4, totals.LiveCalls);
        Assert.Equal(1, totals.ErrorCalls);
        Assert.Equal(6, totals.Items);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 3, ["500"] = 1 }, totals.StatusCodes);
        Assert.Equal(4, kept.Count);
        Assert.All(kept, r => Assert.InRange(r.At, before.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.Equal(["error", "success", "success", "success"], kept.Select(r => r.Outcome).Order(StringComparer.Ordinal));
    }

    private static Task Fail(HttpContext context)
    {
        context.Response.StatusCode = 500;
        return context.Response.WriteAsync("""{"error":"boom"}""");
    }
}
