using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Paginate.Bench.Harness;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.Bench.Fleet;

/// <summary>
/// <c>Paginate.Bench circuit --gateway-dll PATH --results PATH</c>: the time a call takes when its origin's circuit
/// is open (CONTRACT §6.3), against a call of a healthy one-page runner and a call of the same failing origin
/// before the circuit opened. One gateway process on its own redis-server; the upstreams run in this process.
/// Appends a section to the results file.
/// </summary>
internal static class CircuitBench
{
    private const int Samples = 2000;

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException("missing " + name);
        var layout = new BenchLayout
        {
            GatewayDll = Path.GetFullPath(Arg("--gateway-dll")), DemoDll = "", NginxTemplate = "", Node = "", PeerScript = "",
            WorkDir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "paginate-circuit-" + Guid.NewGuid().ToString("N")[..8])).FullName,
            ResultsPath = Path.GetFullPath(Arg("--results")), RawPath = "",
        };

        // The gateway child inherits this process's environment: a cool-down longer than the run keeps the circuit open.
        Environment.SetEnvironmentVariable("Gateway__Circuit__CoolDownSeconds", "3600");
        ChildRegistry.Install(null);
        try
        {
            await using var redis = await RedisServer.StartAsync("redis", layout);
            await using var failing = await StartUpstreamAsync(ctx =>
            {
                ctx.Response.StatusCode = 503;
                return Task.CompletedTask;
            });
            await using var healthy = await StartUpstreamAsync(ctx =>
            {
                ctx.Response.ContentType = "application/json";
                return ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}""");
            });
            await using var gateway = await GatewayServer.StartAsync("gateway", layout, redis.ConnectionString);
            using var connection = RedisConnection.Connect(redis.ConnectionString);
            var dead = await PublishAsync(connection, failing.Urls.First() + "/items");
            var alive = await PublishAsync(connection, healthy.Urls.First() + "/items");
            await Task.Delay(3000); // both runners are served within 2 s (CONTRACT §3)

            using var http = new HttpClient();
            // Before the circuit opens: each call tries 4 times (the default 3 retries) and answers 502, until the
            // failures in a row reach the threshold; the next call is the first one refused.
            var beforeOpen = new List<double>();
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(gateway.RunnerUrl(dead));
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    break;
                }

                beforeOpen.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            var refused = await SeriesAsync(http, gateway.RunnerUrl(dead), HttpStatusCode.ServiceUnavailable);
            var served = await SeriesAsync(http, gateway.RunnerUrl(alive), HttpStatusCode.OK);
            var text = Report(beforeOpen, refused, served);
            await File.AppendAllTextAsync(layout.ResultsPath, text);
            Console.WriteLine(text);
            return 0;
        }
        finally
        {
            ChildRegistry.KillAll();
        }
    }

    private static async Task<WebApplication> StartUpstreamAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    private static async Task<string> PublishAsync(StackExchange.Redis.IConnectionMultiplexer redis, string url)
    {
        var id = "rn_circuit" + Guid.NewGuid().ToString("N")[..8];
        var definition = new RunnerDefinition
        {
            Name = "circuit bench",
            Request = new RequestSpec { Url = url },
            Response = new ResponseSpec { ItemsPath = "data" },
        };
        await BenchRunners.PublishAsync(new RedisRunnerStore(redis), id, definition);

        return id;
    }

    private static async Task<double[]> SeriesAsync(HttpClient http, string url, HttpStatusCode expected)
    {
        for (var i = 0; i < 200; i++)
        {
            await TimeAsync(http, url, expected); // warm-up: connections, JIT
        }

        var times = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            times[i] = await TimeAsync(http, url, expected);
        }

        Array.Sort(times);
        return times;
    }

    private static async Task<double> TimeAsync(HttpClient http, string url, HttpStatusCode expected)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"expected {(int)expected}, got {(int)response.StatusCode}");
        }

        return elapsed;
    }

    private static string Row(string name, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {sorted.Length} | {Pct(sorted, 50):0.00} | {Pct(sorted, 95):0.00} | {Pct(sorted, 99):0.00} | {sorted[^1]:0.00} |");

    private static double Pct(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

    private static string Report(List<double> beforeOpen, double[] refused, double[] served)
    {
        var before = beforeOpen.ToArray();
        Array.Sort(before);
        var text = new StringBuilder().AppendLine();
        text.AppendLine("## Fail-fast origins: time to refuse a call with an open circuit").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/Paginate.Bench -- circuit --gateway-dll gateway/Paginate.Gateway/bin/Release/net10.0/Paginate.Gateway.dll --results bench/RESULTS-fleet.md`");
        text.AppendLine("on a shared 2-core machine. One gateway process (default `Gateway__Circuit__FailureThreshold` 5, cool-down set to 3600 s");
        text.AppendLine("so the circuit stays open), its own redis-server; an upstream answering 503 at once and a healthy one-page upstream, both");
        text.AppendLine(CultureInfo.InvariantCulture, $"Kestrel on loopback. Calls one at a time from one HTTP client, {Samples} timed after 200 warm-up calls; client-side time to the last byte, ms.").AppendLine();
        text.AppendLine("| call | calls | p50 ms | p95 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(Row("failing origin, before the circuit opened (default retries)", before));
        text.AppendLine(Row("failing origin, circuit open: `503 upstream_unavailable`", refused));
        text.AppendLine(Row("healthy origin, one page (for scale)", served));
        text.AppendLine().AppendLine("Target (issue 12): under 10 ms added by failing fast. A refused call sends nothing upstream, so its whole time is what the gateway adds.");
        return text.ToString();
    }
}
