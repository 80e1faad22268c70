using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Paginate.Bench.Harness;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.Bench.Fleet;

/// <summary>
/// <c>Paginate.Bench fleet --gateway-dll PATH --results PATH</c>: two gateway processes on one Redis against an
/// upstream capped at 25 requests/s; 120 calls of a 5-page runner, 40 at a time, spread over both gateways, with
/// a shared budget of 20/s and without one (issue 12). Writes the figures as markdown.
/// </summary>
internal static class FleetBench
{
    private const int Cap = 25;
    private const int Calls = 120;
    private const int AtOnce = 40;

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException("missing " + name);
        var layout = new BenchLayout
        {
            GatewayDll = Path.GetFullPath(Arg("--gateway-dll")), DemoDll = "", NginxTemplate = "", Node = "", PeerScript = "",
            WorkDir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "paginate-fleet-" + Guid.NewGuid().ToString("N")[..8])).FullName,
            ResultsPath = Path.GetFullPath(Arg("--results")), RawPath = "",
        };
        ChildRegistry.Install(null);
        try
        {
            await using var redis = await RedisServer.StartAsync("redis", layout);
            await using var upstream = await CappedUpstream.StartAsync(Cap);
            await using var a = await GatewayServer.StartAsync("gateway-a", layout, redis.ConnectionString);
            await using var b = await GatewayServer.StartAsync("gateway-b", layout, redis.ConnectionString);
            using var connection = RedisConnection.Connect(redis.ConnectionString);

            var withBudget = await ScenarioAsync("rate_limit 20/s, default burst (20)", new RateLimitSpec { RequestsPerSecond = 20 }, upstream, connection, a, b);
            var smallBurst = await ScenarioAsync("rate_limit 20/s, burst 5", new RateLimitSpec { RequestsPerSecond = 20, Burst = 5 }, upstream, connection, a, b);
            var without = await ScenarioAsync("no budget (v1 behaviour)", null, upstream, connection, a, b);
            await File.WriteAllTextAsync(layout.ResultsPath, Report(withBudget, smallBurst, without));
            Console.WriteLine(await File.ReadAllTextAsync(layout.ResultsPath));
            return 0;
        }
        finally
        {
            ChildRegistry.KillAll();
        }
    }

    private sealed record Outcome(string Name, int Requests, int Rejected429, int PeakPerSecond, double Seconds, int Ok200, int CallsOk, int CallsPartial, int CallsFailed, double BudgetShare);

    private static async Task<Outcome> ScenarioAsync(string name, RateLimitSpec? rate, CappedUpstream upstream, StackExchange.Redis.IConnectionMultiplexer redis, GatewayServer a, GatewayServer b)
    {
        var id = "rn_fleet" + Guid.NewGuid().ToString("N")[..8];
        var definition = new RunnerDefinition
        {
            Name = "fleet bench",
            Request = new RequestSpec { Url = upstream.Url + "/items" },
            Pagination = new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 2 },
            Response = new ResponseSpec { ItemsPath = "data" },
            Limits = new LimitsSpec { MaxRetries = 3, RetryDelayMs = 1000, TotalTimeoutMs = 120_000, RateLimit = rate },
        };
        await BenchRunners.PublishAsync(new RedisRunnerStore(redis), id, definition);

        // Both gateways serve a new runner within 2 s (CONTRACT §3); then the upstream's window starts empty.
        await Task.Delay(3000);
        upstream.Reset();

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var slots = new SemaphoreSlim(AtOnce);
        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                using var response = await http.GetAsync((i % 2 == 0 ? a : b).RunnerUrl(id));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return "failed";
                }

                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return document.RootElement.GetProperty("meta").GetProperty("partial").GetBoolean() ? "partial" : "ok";
            }
            finally
            {
                slots.Release();
            }
        }));

        var requests = upstream.Requests.OrderBy(r => r.At).ToList();
        var peak = 0;
        for (int start = 0, end = 0; end < requests.Count; end++)
        {
            while (Stopwatch.GetElapsedTime(requests[start].At, requests[end].At) >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            peak = Math.Max(peak, end - start + 1);
        }

        var seconds = Stopwatch.GetElapsedTime(requests[0].At, requests[^1].At).TotalSeconds;
        var ok = requests.Count(r => r.Status == 200);
        return new Outcome(name, requests.Count, requests.Count(r => r.Status == 429), peak, seconds, ok,
            results.Count(r => r == "ok"), results.Count(r => r == "partial"), results.Count(r => r == "failed"), ok / seconds / 20);
    }

    private static string Report(params Outcome[] outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine("# Fleet protections: two gateways, one rate-limited upstream").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/Paginate.Bench -- fleet --gateway-dll gateway/Paginate.Gateway/bin/Release/net10.0/Paginate.Gateway.dll --results bench/RESULTS-fleet.md`");
        text.AppendLine(CultureInfo.InvariantCulture, $"on a shared 2-core machine. Two gateway processes on one redis-server, an upstream that answers 429 (`Retry-After: 1`) past {Cap} requests in any sliding second;");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Calls} calls of a 5-page runner (`max_retries` 3, `retry_delay_ms` 1000), {AtOnce} at a time, alternating between the gateways.").AppendLine();
        text.AppendLine("| scenario | upstream requests | 429s | 429 share | peak requests in any 1 s | 200s per second, first to last request (share of 20/s) | calls complete / partial / failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var o in outcomes)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {o.Name} | {o.Requests} | {o.Rejected429} | {100.0 * o.Rejected429 / o.Requests:0.0} % | {o.PeakPerSecond} | {o.Ok200 / o.Seconds:0.0} ({100 * o.BudgetShare:0} %) | {o.CallsOk} / {o.CallsPartial} / {o.CallsFailed} |");
        }

        text.AppendLine().AppendLine("Targets (issue 12): with the budget, 429s under 1 % and throughput at least 90 % of the budget.");
        return text.ToString();
    }
}
