using System.Diagnostics;
using System.Text.Json;
using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;
using Paginate.Bench.Workloads;
using Paginate.Engine.Storage;

namespace Paginate.Bench;

/// <summary>
/// <c>Paginate.Bench gateway [--quick] [--reps N] [--only 1,4] --gateway-dll ... </c>: starts every server,
/// runs the eight gateway workloads side by side and writes RESULTS.md. Started by <c>bench/run.sh</c>,
/// which builds everything and passes the paths.
/// </summary>
internal static class GatewayBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = ParseArgs(args);
        var quick = parsed.ContainsKey("--quick");
        var options = (quick ? BenchOptions.Quicker() : new BenchOptions()).With(parsed);
        var layout = new BenchLayout
        {
            GatewayDll = Require(parsed, "--gateway-dll"),
            DemoDll = Require(parsed, "--demo-dll"),
            NginxTemplate = Require(parsed, "--nginx-template"),
            Node = parsed.GetValueOrDefault("--node", "node"),
            PeerScript = Require(parsed, "--peer"),
            WorkDir = Directory.CreateDirectory(parsed.GetValueOrDefault("--work-dir") ?? Path.Combine(Path.GetTempPath(), "paginate-bench-" + Guid.NewGuid().ToString("N")[..8])).FullName,
            ResultsPath = Require(parsed, "--results"),
            RawPath = parsed.GetValueOrDefault("--raw") ?? Path.ChangeExtension(Require(parsed, "--results"), ".json"),
            PidFile = parsed.GetValueOrDefault("--pid-file"),
        };
        ChildRegistry.Install(layout.PidFile);
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = RunSummary.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(quick ? TimeSpan.FromMinutes(4) : TimeSpan.FromMinutes(20));
        Console.WriteLine($"bench: logs and server state in {layout.WorkDir}");

        IWorkload[] all = [new SequentialOverhead(), new ParallelPages(), new PassThrough(), new MemoryStreaming(), new ConcurrentLoad(), new CatalogScale(), new DeferredCpu()];
        var workloads = all.Where(w => w.Numbers.Any(options.Runs)).ToArray();
        var sections = new List<Section>();
        string? note = null;
        try
        {
            await using var redis = await RedisServer.StartAsync("redis", layout).ConfigureAwait(false);
            await using var upstream = await DemoUpstream.StartAsync(layout).ConfigureAwait(false);
            using var connection = RedisConnection.Connect(redis.ConnectionString);
            using var client = BenchHttp.Create();
            var context = new BenchContext
            {
                Options = options,
                Layout = layout,
                Redis = redis,
                Store = new RedisRunnerStore(connection),
                Connection = connection,
                Upstream = upstream,
                Client = client,
                Nginx = options.Runs(4) || options.Runs(8) ? await TryAsync(() => NginxServer.StartAsync(layout, upstream.Port), "nginx", layout).ConfigureAwait(false) : null,
                Peer = options.Runs(2) ? await TryAsync(() => Task.FromResult(PeerClient.Start(layout)), "peer", layout).ConfigureAwait(false) : null,
            };
            context.SmallCatalogProbe = await context.PublishAsync("probe", BenchRunners.PassThrough("bench probe", upstream.BaseUrl + "/items?items=1&pages=1")).ConfigureAwait(false);
            foreach (var workload in workloads)
            {
                await workload.PrepareAsync(context).ConfigureAwait(false);
            }

            await using var gateway = await GatewayServer.StartAsync("gateway", layout, redis.ConnectionString).ConfigureAwait(false);
            context.Gateway = gateway;
            Console.WriteLine($"bench: gateway ready in {gateway.StartupTime.TotalMilliseconds:0} ms (pid {gateway.Pid}); {context.Published.Count} runners");
            var probe = await GatewayCall.FetchAsync(client, gateway.RunnerUrl(context.SmallCatalogProbe), deadline.Token).ConfigureAwait(false);
            if (probe.Error is not null)
            {
                Console.WriteLine("bench: the probe runner failed: " + probe.Error);
            }

            foreach (var workload in workloads)
            {
                try
                {
                    sections.AddRange(await workload.RunAsync(context, deadline.Token).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Console.WriteLine($"bench: workload {string.Join('/', workload.Numbers)} failed: {e}");
                    sections.Add(Section.Failed($"{string.Join(", ", workload.Numbers)}. {workload.GetType().Name}", $"`{e.GetType().Name}: {FirstLine(e.Message)}`",
                        [new TargetOutcome(string.Join(", ", workload.Numbers), "all targets of this workload", "n/a", null, "did not run: " + FirstLine(e.Message))]));
                }
            }

            if (context.Peer is not null)
            {
                await context.Peer.DisposeAsync().ConfigureAwait(false);
            }

            if (context.Nginx is not null)
            {
                await context.Nginx.DisposeAsync().ConfigureAwait(false);
            }

            context.Raw["missing"] = context.Missing;
            await File.WriteAllTextAsync(layout.RawPath, JsonSerializer.Serialize(context.Raw, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine("bench: could not run: " + e);
            note = $"**The run stopped early:** `{e.GetType().Name}: {FirstLine(e.Message)}`. Sections below are what ran before it.";
        }
        finally
        {
            ChildRegistry.KillAll();
        }

        var command = "bench/run.sh" + (quick ? " --quick" : "") + (parsed.TryGetValue("--only", out var only) ? " --only " + only : "");
        var summary = new RunSummary(command, quick, started, clock.Elapsed, note, loadAtStart, RunSummary.LoadAverage());
        var markdown = ResultsWriter.Render(summary, MachineInfo.Describe(layout.Node, Path.GetDirectoryName(layout.PeerScript)!), sections);
        ResultsWriter.WriteSection(layout.ResultsPath, markdown);
        Console.WriteLine($"bench: wrote {layout.ResultsPath} after {clock.Elapsed.TotalMinutes:0.0} min");
        foreach (var target in sections.SelectMany(s => s.Targets))
        {
            Console.WriteLine($"  [{(target.Met switch { true => "met", false => "MISSED", null => "-" })}] {target.Workload}: {target.Target}: {target.Measured}");
        }

        return note is null ? 0 : 1;
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> start, string what, BenchLayout layout)
        where T : class
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine($"bench: {what} did not start: {FirstLine(e.Message)} (logs in {layout.WorkDir})");
            return null;
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Require(IReadOnlyDictionary<string, string> args, string name) =>
        args.TryGetValue(name, out var value) ? value : throw new ArgumentException("missing " + name);

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed[args[i]] = args[++i];
            }
            else
            {
                parsed[args[i]] = "";
            }
        }

        return parsed;
    }
}
