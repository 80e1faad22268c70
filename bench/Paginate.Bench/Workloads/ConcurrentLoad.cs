using System.Diagnostics;
using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workload 6: waves of 500 calls started at once, each 5 pages at 100 ms (500 ms physical minimum):
/// throughput, added latency, errors, and thread-pool evidence from the gateway's metrics and /proc.
/// </summary>
internal sealed class ConcurrentLoad : IWorkload
{
    private const int Pages = 5;
    private const int DelayMs = 100;
    private const int ItemsPerPage = 20;
    private const double Floor = Pages * DelayMs;

    // Hill climbing adds a few threads under any load; a pool starved by blocking calls keeps adding
    // one every half second or so for as long as it stays blocked, which over the waves is tens.
    private const int MaxThreadGrowth = 12;
    private string _runner = "";

    public IReadOnlyList<int> Numbers => [6];

    public async Task PrepareAsync(BenchContext context) =>
        _runner = await context.PublishAsync("load", BenchRunners.PageNumber("bench load", context.PagesUrl(Pages, DelayMs, ItemsPerPage), 1, 50)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var concurrency = options.LoadConcurrency;
        var url = context.Gateway.RunnerUrl(_runner);
        using var client = BenchHttp.Create();
        context.Log($"workload 6: {options.LoadWaves} waves of {concurrency} concurrent calls");

        var idleThreads = ProcStatus.Read(context.Gateway.Pid).Threads;

        // The warm-up wave opens the connections (client→gateway and gateway→upstream) and is not counted.
        await WaveAsync(client, url, concurrency, cancellationToken).ConfigureAwait(false);

        var latencies = new List<double>();
        var wallMs = 0.0;
        (double Gateway, double Upstream, double Client) cpuBefore = default;
        var throughputs = new List<double>();
        var errors = new List<string>();
        using var metricsClient = BenchHttp.Create(2);
        ProcSampler sampler;
        MetricsScraper scraper;
        await using ((sampler = new ProcSampler(context.Gateway.Pid, 50)).ConfigureAwait(false))
        await using ((scraper = new MetricsScraper(metricsClient, context.Gateway.ManagementUrl + "/metrics", "dotnet_thread_pool", 250)).ConfigureAwait(false))
        {
            cpuBefore = CpuNow(context);
            for (var wave = 0; wave < options.LoadWaves; wave++)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
                var (calls, wall) = await WaveAsync(client, url, concurrency, cancellationToken).ConfigureAwait(false);
                var good = calls.Where(c => c.Ok).ToArray();
                errors.AddRange(calls.Where(c => !c.Ok).Select(c => c.Error!));
                latencies.AddRange(good.Select(c => c.Ms));
                throughputs.Add(good.Length / wall.TotalSeconds);
                wallMs += wall.TotalMilliseconds;
                context.Log($"  wave {wave + 1}: {good.Length}/{calls.Length} ok in {wall.TotalMilliseconds:0} ms, p99 {Stats.Percentile(good.Select(c => c.Ms).ToArray(), 99):0} ms");
            }
        }

        var cpuAfter = CpuNow(context);
        context.Raw["load_latencies_ms"] = latencies;
        var cpu = (Gateway: cpuAfter.Gateway - cpuBefore.Gateway, Upstream: cpuAfter.Upstream - cpuBefore.Upstream, Client: cpuAfter.Client - cpuBefore.Client);
        var totalCalls = options.LoadWaves * concurrency;
        var added = latencies.Select(l => l - Floor).ToArray();
        var table = new Table("measure", "value");
        table.Row("calls (waves × concurrency)", $"{options.LoadWaves * concurrency} ({options.LoadWaves} × {concurrency})")
            .Row("errors", Fmt.Int(errors.Count))
            .Row("throughput per wave, calls/s (median, min–max)", Fmt.MedianRange(throughputs, v => Fmt.Num(v, "0")))
            .Row("latency p50 / p99 / max", $"{Fmt.Ms(Stats.Percentile(latencies, 50))} / {Fmt.Ms(Stats.Percentile(latencies, 99))} / {Fmt.Ms(Stats.Max(latencies))}")
            .Row("added over the 500 ms floor, p50 / p99", $"{Fmt.Ms(Stats.Percentile(added, 50))} / {Fmt.Ms(Stats.Percentile(added, 99))}")
            .Row("CPU time in the waves: gateway / upstream / client (of 2 cores × wall)",
                $"{Fmt.Num(cpu.Gateway / 1000, "0.0")} s / {Fmt.Num(cpu.Upstream / 1000, "0.0")} s / {Fmt.Num(cpu.Client / 1000, "0.0")} s (of {Fmt.Num(2 * wallMs / 1000, "0.0")} s)")
            .Row("gateway CPU per call (5 upstream pages + 1 answer)", Fmt.Ms(cpu.Gateway / totalCalls))
            .Row("gateway threads (from /proc): idle / after warm-up / max", $"{idleThreads} / {sampler.First.Threads} / {sampler.MaxThreads}");
        foreach (var (name, value) in scraper.Max.Where(p => !p.Key.Contains("work_item", StringComparison.Ordinal)).OrderBy(p => p.Key))
        {
            table.Row($"max `{name}` over {scraper.Scrapes} scrapes", Fmt.Num(value, "0.##"));
        }

        var queue = scraper.Max.Where(p => p.Key.Contains("queue", StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(double.NaN).Max();
        var threadGrowth = sampler.MaxThreads - idleThreads;
        var poolThreads = scraper.Max.Where(p => p.Key.Contains("thread_count", StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(double.NaN).Max();
        var starved = threadGrowth > MaxThreadGrowth;
        var starvationEvidence = $"process threads {idleThreads} idle → {sampler.MaxThreads} max"
            + (double.IsFinite(poolThreads) ? $"; pool threads ≤ {poolThreads:0}" : "")
            + (double.IsFinite(queue) ? $"; pool queue ≤ {queue:0}" : "; no pool queue metric");
        var p99Added = Stats.Percentile(added, 99);
        var text = $"""
            {options.LoadWaves} waves; in each, {concurrency} calls start at once (a fresh wave after the last call of the previous one ends).
            Each call is a `page_number` runner over {Pages} pages of {ItemsPerPage} items at {DelayMs} ms per page, so {Floor:0} ms is the physical minimum.
            One warm-up wave is not counted. Every answer is checked for {Pages * ItemsPerPage} items. The gateway's `/metrics` is scraped every 250 ms
            for `dotnet_thread_pool*` series (the runtime's built-in meter, when the gateway exports it), and its thread count read from /proc every 50 ms.

            {table}
            {(errors.Count == 0 ? "No errors." : "Errors (first ones):\n- " + string.Join("\n- ", errors.Distinct().Take(10)))}
            """;
        return
        [
            new Section("6. Load", text,
            [
                new("6. Load", "500 concurrent calls: 0 errors", Fmt.Int(errors.Count), latencies.Count == 0 ? null : errors.Count == 0),
                new("6. Load", "no thread-pool starvation", starvationEvidence, latencies.Count == 0 ? null : !starved,
                    $"starved = threads grew by more than {MaxThreadGrowth}: a pool blocked by synchronous waits injects a thread every ~0.5 s for as long as"
                    + " it stays blocked. A queue with few threads means work waiting for CPU, not for threads (see the CPU row in section 6)"),
                new("6. Load", "added latency p50 / p99 (report)", $"{Fmt.Ms(Stats.Percentile(added, 50))} / {Fmt.Ms(p99Added)}", null,
                    $"reported, no target. The gateway, upstream and client used {Fmt.Num(100 * (cpu.Gateway + cpu.Upstream + cpu.Client) / (2 * wallMs), "0")}% of the 2 cores"
                    + $" during the waves (gateway {Fmt.Ms(cpu.Gateway / totalCalls)} CPU per call)"
                    + ((cpu.Gateway + cpu.Upstream + cpu.Client) / (2 * wallMs) >= 0.6 ? ": the added latency is mostly waiting for CPU" : "; other work on the shared machine took the rest")),
            ]),
        ];
    }

    private static (double Gateway, double Upstream, double Client) CpuNow(BenchContext context) =>
        (ProcStatus.CpuMsOf(context.Gateway.Pid), ProcStatus.CpuMsOf(context.Upstream.Pid), ProcStatus.CpuMsOf(Environment.ProcessId));

    private static async Task<(CallResult[] Calls, TimeSpan Wall)> WaveAsync(HttpClient client, string url, int concurrency, CancellationToken cancellationToken)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await start.Task.ConfigureAwait(false);
            return await GatewayCall.RunAsync(client, url, Pages * ItemsPerPage, cancellationToken).ConfigureAwait(false);
        }).ToArray();
        var watch = Stopwatch.StartNew();
        start.SetResult();
        var calls = await Task.WhenAll(tasks).ConfigureAwait(false);
        return (calls, watch.Elapsed);
    }
}
