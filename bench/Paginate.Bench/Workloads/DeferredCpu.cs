using System.Globalization;
using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;
using Paginate.Engine.Storage;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workload 8: CPU per one-page call counting the work a call leaves behind. The gateway's clock runs from
/// before the load until every call's record is in Redis and the process is idle again, so a record writer
/// or flush that runs after the answer is paid for; nginx is measured the same way in the same run.
/// </summary>
internal sealed class DeferredCpu : IWorkload
{
    private const int Items = 100;
    private const int Connections = 16;
    private const string Gateway = "gateway (none/full runner)";
    private const string Nginx = "nginx proxy_pass";
    private static readonly TimeSpan IdleWindow = TimeSpan.FromMilliseconds(500);
    private readonly List<string> _runners = [];

    public IReadOnlyList<int> Numbers => [8];

    private static string ItemsPath => $"/items?items={Items}&pages=1";

    public async Task PrepareAsync(BenchContext context)
    {
        // One runner per repetition: its record list then holds exactly that repetition's calls.
        for (var rep = 0; rep <= context.Options.CpuRepetitions; rep++)
        {
            _runners.Add(await context.PublishAsync("cpu" + rep.ToString(CultureInfo.InvariantCulture), BenchRunners.PassThrough("bench deferred cpu", context.Upstream.BaseUrl + ItemsPath)).ConfigureAwait(false));
        }
    }

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Nginx is not { } nginx)
        {
            return [Section.Failed("8. Deferred CPU", "nginx did not start", [new TargetOutcome("8. Deferred CPU", "gateway CPU per call ≤ 2.5× nginx", "n/a", null, "nginx did not start")])];
        }

        var options = context.Options;
        var size = (await context.Client.GetByteArrayAsync(context.Upstream.BaseUrl + ItemsPath, cancellationToken).ConfigureAwait(false)).Length;
        context.Log($"workload 8: deferred CPU, {options.CpuRepetitions} x {options.CpuSeconds} s of calls at concurrency {Connections}");

        // Warm-up on a runner of its own (JIT tiers, pools), then wait until its records are written too. Twice: after
        // one pass the gateway still compiles and collects for seconds, which made the first repetition an outlier.
        await Wrk.RunAsync(context.Gateway.RunnerUrl(_runners[0]), options.CpuSeconds, Connections, cancellationToken).ConfigureAwait(false);
        await WaitIdleAsync(context.Gateway.Pid, null, 0, context, cancellationToken).ConfigureAwait(false);
        await Wrk.RunAsync(context.Gateway.RunnerUrl(_runners[0]), options.CpuSeconds, Connections, cancellationToken).ConfigureAwait(false);
        await Wrk.RunAsync(nginx.BaseUrl + ItemsPath, options.CpuSeconds, Connections, cancellationToken).ConfigureAwait(false);
        await WaitIdleAsync(context.Gateway.Pid, null, 0, context, cancellationToken).ConfigureAwait(false);

        var samples = new List<Sample>();
        for (var rep = 0; rep < options.CpuRepetitions; rep++)
        {
            var load = RunSummary.LoadAverage();
            Sample? gateway = null, proxy = null;
            for (var k = 0; k < 2; k++)
            {
                if ((k + rep) % 2 == 0)
                {
                    var runner = _runners[rep + 1];
                    var before = ProcStatus.CpuMsOf(context.Gateway.Pid);
                    var run = await Wrk.RunAsync(context.Gateway.RunnerUrl(runner), options.CpuSeconds, Connections, cancellationToken).ConfigureAwait(false);
                    var atWrkEnd = ProcStatus.CpuMsOf(context.Gateway.Pid);
                    var (after, records, waited) = await WaitIdleAsync(context.Gateway.Pid, runner, run.Requests, context, cancellationToken).ConfigureAwait(false);
                    gateway = new Sample(run, atWrkEnd - before, after - before, records, waited, load);
                    context.Log($"  gateway: {run.RequestsPerSecond:0} req/s, {run.Requests} answers, {records} records, CPU {after - before:0} ms ({atWrkEnd - before:0} ms under wrk), idle after {waited.TotalMilliseconds:0} ms");
                }
                else
                {
                    var before = ProcStatus.TreeCpuMs(nginx.Pid);
                    var run = await Wrk.RunAsync(nginx.BaseUrl + ItemsPath, options.CpuSeconds, Connections, cancellationToken).ConfigureAwait(false);
                    var atWrkEnd = ProcStatus.TreeCpuMs(nginx.Pid);
                    var (after, _, waited) = await WaitIdleAsync(nginx.Pid, null, 0, context, cancellationToken, tree: true).ConfigureAwait(false);
                    proxy = new Sample(run, atWrkEnd - before, after - before, run.Requests, waited, load);
                    context.Log($"  nginx: {run.RequestsPerSecond:0} req/s, {run.Requests} answers, CPU {after - before:0} ms");
                }
            }

            samples.Add(gateway! with { Nginx = proxy });
        }

        context.Raw["deferred_cpu"] = samples;
        var table = new Table("repetition", "load (1/5/15) at start", "gateway answers / records in Redis", "gateway CPU per call: under wrk / counting deferred", "nginx CPU per request", "ratio to nginx (deferred counted)", "requests/s ratio to nginx");
        var ratios = new List<double>();
        var rpsRatios = new List<double>();
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var n = s.Nginx!;
            var ratio = s.PerCallUs / n.PerCallUs;
            var rps = s.Wrk.RequestsPerSecond / n.Wrk.RequestsPerSecond;
            ratios.Add(ratio);
            rpsRatios.Add(rps);
            table.Row((i + 1).ToString(CultureInfo.InvariantCulture), s.Load, $"{Fmt.Int(s.Wrk.Requests)} / {Fmt.Int(s.Records)}",
                $"{Fmt.Num(s.UnderWrkUs, "0")} µs / {Fmt.Num(s.PerCallUs, "0")} µs", $"{Fmt.Num(n.PerCallUs, "0")} µs", Fmt.Ratio(ratio), Fmt.Ratio(rps));
        }

        var median = Stats.Median(ratios);
        var rpsMedian = Stats.Median(rpsRatios);
        var text = $"""
            `GET /items?items={Items}&pages=1` (one page, a root array of {Items} items, {Fmt.Num(size / 1024.0, "0.0")} KiB) through a `none`/`full`
            runner and through nginx `proxy_pass`, {options.CpuRepetitions} interleaved repetitions of
            `wrk -t1 -c{Connections} -d{options.CpuSeconds}s` each (a few thousand calls per repetition).
            CPU is user + system time from `/proc/<pid>/stat` (nginx: master and workers), read before the load and again once the
            process is idle — for the gateway, once the repetition's call records are all in Redis (each repetition has a runner of
            its own, so its record list, or its lifetime counter where the gateway keeps one, counts exactly its calls; the list
            alone stops at its 10,000 cap, and then the wait is for the count to stand still for 2 s) and then no CPU tick moved
            for {IdleWindow.TotalMilliseconds:0} ms.
            That idle window's own ticks are excluded. "Under wrk" is the older figure, which stopped counting when wrk ended.
            Per call = CPU / answers wrk received (the few calls wrk cuts at its end are paid for but not counted, which
            errs against the gateway).

            {table}
            """;
        return
        [
            new Section("8. Deferred CPU", text,
            [
                new("8. Deferred CPU", "gateway CPU per one-page call, deferred work counted, ≤ 2.5× nginx (median of per-repetition ratios)",
                    $"{Fmt.Num(median, "0.00")}× ({Fmt.Ratio(Stats.Min(ratios))}–{Fmt.Ratio(Stats.Max(ratios))})", median <= 2.5,
                    median <= 2.5 ? "" : "the gateway parses each page and writes its own answer where nginx copies bytes"),
                new("8. Deferred CPU", "requests/s under wrk ≥ 0.8× nginx (same runs)",
                    $"{Fmt.Num(rpsMedian, "0.00")}× ({Fmt.Ratio(Stats.Min(rpsRatios))}–{Fmt.Ratio(Stats.Max(rpsRatios))})", rpsMedian >= 0.8,
                    rpsMedian >= 0.8 ? "" : "requests/s follow CPU per request: wrk, the upstream and the proxy share 2 cores"),
            ]),
        ];
    }

    /// <summary>
    /// Waits until <paramref name="runner"/>'s record list holds at least <paramref name="expected"/> records (when
    /// given) and then until no CPU tick moved for <see cref="IdleWindow"/>. Returns the CPU reading at the start of
    /// that quiet window, the records found and how long it took.
    /// </summary>
    private static async Task<(double CpuMs, long Records, TimeSpan Waited)> WaitIdleAsync(
        int pid, string? runner, long expected, BenchContext context, CancellationToken cancellationToken, bool tree = false)
    {
        var started = DateTime.UtcNow;
        var limit = started + TimeSpan.FromSeconds(60);
        var db = context.Connection.GetDatabase();
        long records = 0;
        if (runner is not null)
        {
            long last = -1;
            var stableSince = DateTime.UtcNow;
            while (DateTime.UtcNow < limit)
            {
                // The list is capped (10,000): the lifetime counter, where the gateway keeps one, counts past the cap.
                var kept = await db.ListLengthAsync(RedisKeys.Calls(runner)).ConfigureAwait(false);
                var counted = (long?)await db.HashGetAsync(RedisKeys.CallTotals(runner), CallTotalsFields.Calls).ConfigureAwait(false) ?? 0;
                records = Math.Max(kept, counted);
                if (records != last)
                {
                    last = records;
                    stableSince = DateTime.UtcNow;
                }

                // Every answered call has its record, or (cut calls, drops) the count stopped moving for 2 s.
                if (records >= expected || DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(2))
                {
                    break;
                }

                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }

        var cpu = Read(pid, tree);
        var quietFrom = DateTime.UtcNow;
        while (DateTime.UtcNow < limit)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            var now = Read(pid, tree);
            if (now != cpu)
            {
                cpu = now;
                quietFrom = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietFrom >= IdleWindow)
            {
                break;
            }
        }

        return (cpu, records, quietFrom - started);
    }

    private static double Read(int pid, bool tree) => tree ? ProcStatus.TreeCpuMs(pid) : ProcStatus.CpuMsOf(pid);

    private sealed record Sample(WrkResult Wrk, double UnderWrkMs, double TotalMs, long Records, TimeSpan Waited, string Load)
    {
        public Sample? Nginx { get; init; }

        public double PerCallUs => Wrk.Requests == 0 ? double.NaN : TotalMs * 1000 / Wrk.Requests;

        public double UnderWrkUs => Wrk.Requests == 0 ? double.NaN : UnderWrkMs * 1000 / Wrk.Requests;
    }
}
