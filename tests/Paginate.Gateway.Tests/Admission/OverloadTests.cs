using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Gateway.Admission;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.Gateway.Tests.Telemetry;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Admission;

/// <summary>CONTRACT §6.6: past the concurrent-call limit or the page-buffer budget, 503 overloaded; nothing else degrades.</summary>
public sealed class OverloadTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public OverloadTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Call_PastMaxConcurrentCalls_Is503OverloadedAndTheRunningCallCompletes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await LoopbackUpstream.StartAsync(routes =>
        {
            routes.Map("/slow", async ctx =>
            {
                await release.Task.WaitAsync(ctx.RequestAborted);
                await ctx.Response.WriteAsync("""{"data":[{"id":1}]}""");
            });
            routes.Map("/fast", ctx => ctx.Response.WriteAsync("""{"data":[{"id":2}]}"""));
        });
        var connection = _redis.Connection;
        var slow = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/slow").ToString()));
        var fast = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/fast").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { Extra = ["Gateway:MaxConcurrentCalls=1"] });

        var running = gateway.CallAsync(slow);
        await Eventually.UntilAsync(() => Task.FromResult(upstream.CountFor("/slow")), n => n == 1, what: "first call upstream");
        var refused = await gateway.CallAsync(fast);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        using (var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("overloaded", body.RootElement.GetProperty("error_code").GetString());
        }

        Assert.Equal(0, upstream.CountFor("/fast"));
        release.SetResult();
        using (var first = await running)
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            // The call holds its slot until its answer is complete, and the status arrives with page 1: read to the end.
            await first.Content.ReadAsStringAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(fast)).StatusCode);
        var metrics = await gateway.Management.GetStringAsync("/metrics");
        Assert.Equal("1", MetricsTests.Sample(metrics, "paginate_calls_rejected_total", "reason=\"overloaded\""));
    }

    [Fact]
    public async Task Call_PageLargerThanTheBufferBudget_Is503OverloadedSmallPagesStillServed()
    {
        var big = "{\"data\":[{\"id\":\"" + new string('x', 2 * 1024 * 1024) + "\"}]}";
        await using var upstream = await LoopbackUpstream.StartAsync(routes =>
        {
            routes.Map("/big", ctx => ctx.Response.WriteAsync(big));
            routes.Map("/small", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
        });
        var connection = _redis.Connection;
        var large = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/big").ToString()));
        var small = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/small").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { Extra = ["Gateway:PageBufferBudgetMiB=1"] });

        var refused = await gateway.CallAsync(large);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        using (var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("overloaded", body.RootElement.GetProperty("error_code").GetString());
        }

        var served = await gateway.CallAsync(small);
        await served.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var metrics = await gateway.Management.GetStringAsync("/metrics");
        Assert.Equal("1", MetricsTests.Sample(metrics, "paginate_calls_rejected_total", "reason=\"overloaded\""));
        // Every reservation is given back, also those of the page that did not fit: the budget does not leak.
        var budget = gateway.Services.GetRequiredService<PageBufferBudget>();
        await Eventually.UntilAsync(() => Task.FromResult(budget.Used), used => used == 0, TimeSpan.FromSeconds(5), "budget released");
    }
}
