using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Gateway.Tests.Telemetry;
using Paginate.TestKit.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Paginate.Gateway.Tests.Catalog;

public sealed class BulkLoadTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private RedisServer _redis = null!;

    public BulkLoadTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Start_ThousandsOfRunners_AllLoadedAndCounted()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("PAGINATE_BULK_RUNNERS"), out var n) ? n : 2000;
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var db = connection.GetDatabase();
        var batch = db.CreateBatch();
        var writes = new List<Task>(count * 2);
        for (var i = 0; i < count; i++)
        {
            var id = $"rn_bulk{i:D6}";
            var stored = new StoredRunner { Id = id, CreatedAt = DateTimeOffset.UtcNow, Config = TestRunners.Simple($"https://api{i % 50}.example.com/items?q={{{{q}}}}") };
            writes.Add(batch.StringSetAsync(RedisKeys.Runner(id), JsonSerializer.Serialize(stored, RunnerJson.Options)));
            writes.Add(batch.SortedSetAddAsync(RedisKeys.RunnerIndex, id, i));
        }

        batch.Execute();
        await Task.WhenAll(writes);
        await db.StringIncrementAsync(RedisKeys.CatalogVersion);

        var clock = Stopwatch.StartNew();
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        _output.WriteLine($"{count} runners: ready after {clock.ElapsedMilliseconds} ms (build, start and load)");
        _output.WriteLine(string.Join("\n", gateway.Logs.Lines.Where(l => l.Contains("Catalog loaded", StringComparison.Ordinal))));

        Assert.Equal(count, gateway.Services.GetRequiredService<GatewayState>().RunnersLoaded);
        // Fifty origins: fifty YARP clusters plus the route's own, one route for all of them.
        var proxy = gateway.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>();
        Assert.Equal(51, proxy.GetClusters().Count());
        Assert.Single(proxy.GetRoutes());
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.CallAsync($"rn_bulk{count - 1:D6}")).StatusCode); // known: q missing
        var metrics = await gateway.Management.GetStringAsync("/metrics");
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), MetricsTests.Sample(metrics, "paginate_runners_loaded"));
    }
}
