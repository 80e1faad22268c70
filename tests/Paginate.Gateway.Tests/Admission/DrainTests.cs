using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Admission;

/// <summary>CONTRACT §6.7: on stop, readiness fails, new calls are refused, calls in flight finish, records are written.</summary>
public sealed class DrainTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public DrainTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Stop_CallInFlight_FinishesWhileNewCallsAndReadinessAre503_ThenItsRecordIsWritten()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await LoopbackUpstream.StartAsync("/slow", async ctx =>
        {
            await release.Task.WaitAsync(ctx.RequestAborted);
            await ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}""");
        });
        var connection = _redis.Connection;
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/slow").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { Extra = ["Gateway:DrainSeconds=60"] });
        var running = gateway.CallAsync(id);
        await Eventually.UntilAsync(() => Task.FromResult(upstream.CountFor("/slow")), n => n == 1, what: "call in flight");

        var stopping = gateway.App.StopAsync();

        var ready = await Eventually.UntilAsync(() => gateway.Management.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, what: "readyz 503");
        Assert.Contains("\"status\":\"draining\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await gateway.CallAsync(id);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        var answer = await running;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using (var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()))
        {
            Assert.Equal(2, body.RootElement.GetProperty("items").GetArrayLength());
        }

        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        var records = await new RedisCallRecordStore(connection).ReadAsync(id, null, 10);
        Assert.Single(records);
        Assert.Equal(1, upstream.CountFor("/slow"));
    }

    [Fact]
    public async Task Stop_CallLongerThanDrainSeconds_IsCancelledAndStopEnds()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/never", async ctx => await Task.Delay(Timeout.Infinite, ctx.RequestAborted));
        var connection = _redis.Connection;
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/never").ToString()) with
        {
            Limits = new Engine.Runners.LimitsSpec { MaxRetries = 0, PageTimeoutMs = 60_000, TotalTimeoutMs = 120_000 },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { Extra = ["Gateway:DrainSeconds=1"] });
        var running = gateway.CallAsync(id);
        await Eventually.UntilAsync(() => Task.FromResult(upstream.CountFor("/never")), n => n == 1, what: "call in flight");

        await gateway.App.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var answer = await running;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("cancelling 1 calls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DrainSeconds_SetsTheHostShutdownTimeoutAboveIt()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { Extra = ["Gateway:DrainSeconds=130"] });

        var timeout = gateway.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal(TimeSpan.FromSeconds(150), timeout);
    }
}
