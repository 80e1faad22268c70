using System.Diagnostics;
using System.Globalization;
using System.Net;
using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;
using Paginate.Engine.Storage;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workload 7: a catalog of 10,000 runners in a second Redis. Gateway start-up (until <c>/readyz</c>
/// answers 200, and until a catalog runner is served) and resident memory, against a gateway started
/// on the small catalog of the other workloads, interleaved; then publish-to-served latency.
/// </summary>
internal sealed class CatalogScale : IWorkload
{
    private const string Small = "small catalog";
    private const string Large = "large catalog";

    public IReadOnlyList<int> Numbers => [7];

    public Task PrepareAsync(BenchContext context) => Task.CompletedTask;

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var count = options.CatalogRunners;
        context.Log($"workload 7: catalog of {count:N0} runners");
        await using var redis = await RedisServer.StartAsync("redis-catalog", context.Layout).ConfigureAwait(false);
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        var store = new RedisRunnerStore(connection);
        var url = context.Upstream.BaseUrl + "/items?items=1&pages=1";

        var publish = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await BenchRunners.PublishAsync(store, CatalogId(i), BenchRunners.PassThrough($"catalog runner {i}", url), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }

        publish.Stop();
        context.Log($"  published {count:N0} runners in {publish.Elapsed.TotalSeconds:0.0} s");

        // Start-up, interleaved: a gateway on the small catalog, then one on the large, repeated.
        var starts = new Dictionary<string, List<(double ReadyMs, double ServedMs, long RssKb)>> { [Small] = [], [Large] = [] };
        var probes = new Dictionary<string, (string Connection, string Runner)>
        {
            [Small] = (context.Redis.ConnectionString, context.SmallCatalogProbe),
            [Large] = (redis.ConnectionString, CatalogId(count - 1)),
        };
        var errors = new List<string>();
        for (var rep = 0; rep < options.CatalogStarts; rep++)
        {
            foreach (var name in rep % 2 == 0 ? new[] { Small, Large } : [Large, Small])
            {
                var (redisConnection, runner) = probes[name];
                await using var gateway = await GatewayServer.StartAsync($"gateway-{(name == Small ? "small" : "large")}-{rep}", context.Layout, redisConnection).ConfigureAwait(false);
                var servedExtra = await UntilServedAsync(context.Client, gateway.RunnerUrl(runner), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                if (servedExtra is null)
                {
                    errors.Add($"{name}: {runner} not served within 30 s of ready");
                }

                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                var rss = ProcStatus.Read(gateway.Pid).RssKb;
                var ready = gateway.StartupTime.TotalMilliseconds;
                starts[name].Add((ready, ready + (servedExtra ?? double.NaN), rss));
                context.Log($"  {name}: ready in {ready:0} ms, served at {ready + (servedExtra ?? double.NaN):0} ms, RSS {rss / 1024.0:0.0} MB");
            }
        }

        // Publish-to-served on a gateway holding the large catalog.
        var latencies = new List<double>();
        await using (var gateway = await GatewayServer.StartAsync("gateway-large-publish", context.Layout, redis.ConnectionString).ConfigureAwait(false))
        {
            await UntilServedAsync(context.Client, gateway.RunnerUrl(CatalogId(count - 1)), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < options.PublishSamples; i++)
            {
                var id = "rn_benchlive" + i.ToString("D4", CultureInfo.InvariantCulture);
                var watch = Stopwatch.StartNew();
                await BenchRunners.PublishAsync(store, id, BenchRunners.PassThrough("published live " + i, url), cancellationToken).ConfigureAwait(false);
                var served = await UntilServedAsync(context.Client, gateway.RunnerUrl(id), TimeSpan.FromSeconds(10), cancellationToken, pollMs: 2, anyAnswer: true).ConfigureAwait(false);
                if (served is null)
                {
                    errors.Add($"{id} not served within 10 s of publishing");
                }
                else
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        context.Raw["catalog"] = new { starts = starts.ToDictionary(p => p.Key, p => p.Value.Select(s => new { ready_ms = s.ReadyMs, served_ms = s.ServedMs, rss_kb = s.RssKb })), publish_to_served_ms = latencies };
        return [Report(context, count, publish.Elapsed, starts, latencies, errors)];
    }

    private static Section Report(BenchContext context, int count, TimeSpan publishTime, Dictionary<string, List<(double ReadyMs, double ServedMs, long RssKb)>> starts, List<double> latencies, List<string> errors)
    {
        var table = new Table("gateway", "ready (median, min–max)", "first catalog runner served", "RSS 1 s after ready");
        foreach (var (name, list) in starts)
        {
            table.Row(name == Small ? $"{Small} ({context.SmallCatalogSize} runners)" : $"{Large} ({count:N0} runners)",
                Fmt.MedianRange(list.Select(s => s.ReadyMs).ToArray(), Fmt.Ms),
                Fmt.MedianRange(list.Select(s => s.ServedMs).Where(double.IsFinite).ToArray(), Fmt.Ms),
                Fmt.MedianRange(list.Select(s => (double)s.RssKb).ToArray(), Fmt.Mb));
        }

        var smallRss = Stats.Median(starts[Small].Select(s => (double)s.RssKb).ToArray());
        var largeRss = Stats.Median(starts[Large].Select(s => (double)s.RssKb).ToArray());
        var loadCost = Stats.Median(starts[Large].Select(s => s.ServedMs).ToArray()) - Stats.Median(starts[Small].Select(s => s.ServedMs).ToArray());
        var p50 = Stats.Percentile(latencies, 50);
        var p99 = Stats.Percentile(latencies, 99);
        var text = $"""
            {count:N0} `none` runners were published into a second Redis through the runner store (SET NX, index, version bump,
            pub/sub) in {publishTime.TotalSeconds:0.0} s. Gateways were started {context.Options.CatalogStarts} time(s) on each catalog, interleaved; "ready" is from process
            start until `/readyz` on the management port answers 200, "served" until the last-published runner answers 200
            (so it also proves the catalog was loaded). Memory is VmRSS one second after ready.

            {table}
            Large − small (medians), for {count - context.SmallCatalogSize:N0} more runners: {Fmt.Ms(loadCost)} until served, {Fmt.Mb(largeRss - smallRss)} RSS
            ({Fmt.Num((largeRss - smallRss) * 1024 / Math.Max(1, count - context.SmallCatalogSize), "0")} bytes per runner). Start-up differences smaller than the min–max spread above are noise.

            Publish-to-served ({latencies.Count} runners published one at a time into the {count:N0}-runner catalog, the gateway polled every 2 ms
            until it stops answering 404): p50 {Fmt.Ms(p50)}, p99 {Fmt.Ms(p99)}, max {Fmt.Ms(Stats.Max(latencies))}.

            {(errors.Count == 0 ? "No errors." : "Errors:\n- " + string.Join("\n- ", errors.Distinct().Take(10)))}
            """;
        return new Section("7. Catalog", text,
        [
            new("7. Catalog", $"{count:N0} runners: start-up until /readyz and memory (report)",
                $"{Fmt.Ms(Stats.Median(starts[Large].Select(s => s.ReadyMs).ToArray()))} ready, {Fmt.Mb(largeRss)} RSS", null, "reported, no target"),
            new("7. Catalog", "publish-to-served within 2 s (CONTRACT §3)", $"p50 {Fmt.Ms(p50)}, p99 {Fmt.Ms(p99)}",
                latencies.Count == 0 ? null : Stats.Max(latencies) <= 2000 && errors.Count == 0),
        ]);
    }

    private static string CatalogId(int i) => "rn_cat" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Milliseconds until the runner answers 200 (or, with <paramref name="anyAnswer"/>, anything but 404), or null
    /// when it answers something else or <paramref name="timeout"/> passes.
    /// </summary>
    private static async Task<double?> UntilServedAsync(HttpClient client, string url, TimeSpan timeout, CancellationToken cancellationToken, int pollMs = 5, bool anyAnswer = false)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            using (var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.OK || (anyAnswer && response.StatusCode != HttpStatusCode.NotFound))
                {
                    return watch.Elapsed.TotalMilliseconds;
                }

                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    return null;
                }
            }

            await Task.Delay(pollMs, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
