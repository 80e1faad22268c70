using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workload 4: one small page, no paging (<c>none</c> runner, <c>full</c> shape) under wrk, against
/// nginx <c>proxy_pass</c> to the same upstream and against the upstream directly; interleaved.
/// </summary>
internal sealed class PassThrough : IWorkload
{
    private const int Items = 20;
    private const string Direct = "upstream directly";
    private const string Nginx = "nginx proxy_pass";
    private const string Gateway = "gateway (none/full runner)";
    private string _runner = "";

    public IReadOnlyList<int> Numbers => [4];

    private static string ItemsPath => $"/items?items={Items}&pages=1";

    public async Task PrepareAsync(BenchContext context) =>
        _runner = await context.PublishAsync("pass", BenchRunners.PassThrough("bench pass-through", context.Upstream.BaseUrl + ItemsPath)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var targets = new List<(string Name, string Url, int? Pid)>
        {
            (Gateway, context.Gateway.RunnerUrl(_runner), context.Gateway.Pid),
            (Direct, context.Upstream.BaseUrl + ItemsPath, null),
        };
        if (context.Nginx is { } nginx)
        {
            targets.Insert(1, (Nginx, nginx.BaseUrl + ItemsPath, nginx.Pid));
        }

        var options = context.Options;
        var runs = targets.ToDictionary(t => t.Name, _ => new List<WrkResult>());
        var proxyCpu = targets.ToDictionary(t => t.Name, _ => new List<double>());
        var upstreamCpu = targets.ToDictionary(t => t.Name, _ => new List<double>());
        var errors = new List<string>();
        context.Log("workload 4: pass-through under wrk");
        foreach (var (name, url, _) in targets)
        {
            // Warm both ends (JIT tiers, connection pools) before anything is timed; tiering needs a few seconds on a busy machine.
            await Wrk.RunAsync(url, options.Quick ? 3 : 5, options.WrkConnections, cancellationToken).ConfigureAwait(false);
        }

        for (var rep = 0; rep < options.WrkRepetitions; rep++)
        {
            for (var k = 0; k < targets.Count; k++)
            {
                var (name, url, pid) = targets[(k + rep) % targets.Count];
                var (count, error) = await GatewayCall.FetchAsync(context.Client, url, cancellationToken).ConfigureAwait(false);
                var problem = error ?? GatewayCall.Check(count!, Items);
                if (problem is not null)
                {
                    errors.Add($"{name}: {problem}");
                    continue;
                }

                var proxyBefore = pid is { } p ? ProcStatus.TreeCpuMs(p) : 0;
                var upstreamBefore = ProcStatus.CpuMsOf(context.Upstream.Pid);
                var run = await Wrk.RunAsync(url, options.WrkSeconds, options.WrkConnections, cancellationToken).ConfigureAwait(false);
                if (run.Requests > 0)
                {
                    upstreamCpu[name].Add((ProcStatus.CpuMsOf(context.Upstream.Pid) - upstreamBefore) * 1000 / run.Requests);
                    if (pid is { } q)
                    {
                        proxyCpu[name].Add((ProcStatus.TreeCpuMs(q) - proxyBefore) * 1000 / run.Requests);
                    }
                }

                runs[name].Add(run);
                context.Log($"  {name}: {run.RequestsPerSecond:0} req/s, p99 {run.P99Ms:0.00} ms");
            }
        }

        context.Raw["pass_through"] = runs;
        var table = new Table("target", "requests/s median (min–max)", "p50 median", "p99 median (min–max)", "non-2xx + socket errors", "RPS ratio to nginx (median, min–max)", "CPU per request: proxy / upstream");
        foreach (var (name, _, _) in targets)
        {
            var list = runs[name];
            var ratios = context.Nginx is null ? [] : RatioToNginx(runs, name);
            table.Row(name,
                Fmt.MedianRange(list.Select(r => r.RequestsPerSecond).ToArray(), v => Fmt.Int(v)),
                Fmt.Ms(Stats.Median(list.Select(r => r.P50Ms).ToArray())),
                Fmt.MedianRange(list.Select(r => r.P99Ms).ToArray(), v => Fmt.Num(v, "0.00") + " ms"),
                Fmt.Int(list.Sum(r => r.Non2xx + r.SocketErrors)),
                context.Nginx is null ? "n/a" : Fmt.MedianRange(ratios, Fmt.Ratio),
                $"{Micros(proxyCpu[name])} / {Micros(upstreamCpu[name])}");
        }

        var gatewayRatios = context.Nginx is null ? [] : RatioToNginx(runs, Gateway);
        var median = Stats.Median(gatewayRatios);
        var text = $"""
            `GET /items?items={Items}&pages=1` (one page, a root array of {Items} items, about {Items * 260 / 1024} KB) under
            `wrk -t1 -c{options.WrkConnections} -d{options.WrkSeconds}s --latency`, {options.WrkRepetitions} interleaved repetitions per target. The gateway
            runs a `none` runner with `full` shape, so it parses the page and writes its own answer (`items` and `meta`);
            nginx copies bytes. Every target's answer is checked for {Items} items before each run.
            wrk, the upstream and the proxy under test share the machine's cores.

            {table}
            CPU per request is user + system time from `/proc/<pid>/stat` over the run divided by wrk's request count (nginx: master
            and workers); the upstream's share should be alike in every row, the proxy's is what it costs.

            {(errors.Count == 0 ? "Every pre-run check returned the expected items." : "Errors:\n- " + string.Join("\n- ", errors.Distinct().Take(10)))}
            """;
        return
        [
            new Section("4. Pass-through", text,
            [
                new("4. Pass-through", "gateway ≥ 0.6× nginx requests/s (median of per-repetition ratios)",
                    $"{Fmt.Num(median, "0.000")}× ({Fmt.Ratio(Stats.Min(gatewayRatios))}–{Fmt.Ratio(Stats.Max(gatewayRatios))})", gatewayRatios.Count == 0 ? null : median >= 0.6,
                    context.Nginx is null ? context.Missing.GetValueOrDefault("nginx", "nginx did not start")
                    : median >= 0.6 ? ""
                    : $"CPU per request: gateway {Micros(proxyCpu[Gateway])}, nginx {Micros(proxyCpu[Nginx])}. The gateway parses each page and writes its own answer"
                      + " where nginx copies bytes, and wrk, the upstream and the proxy share 2 cores, so requests/s follow CPU per request"),
            ]),
        ];
    }

    private static string Micros(List<double> values) => values.Count == 0 ? "–" : Fmt.Num(Stats.Median(values), "0") + " µs";

    private static List<double> RatioToNginx(Dictionary<string, List<WrkResult>> runs, string name)
    {
        var mine = runs[name];
        var nginx = runs[Nginx];
        return Enumerable.Range(0, Math.Min(mine.Count, nginx.Count)).Select(i => mine[i].RequestsPerSecond / nginx[i].RequestsPerSecond).ToList();
    }
}
