using System.Diagnostics;

namespace Paginate.Bench.Harness;

/// <summary>
/// The gateway, Release build, as its own process (so its RSS and threads are its own), configured
/// with the contract's keys (CONTRACT §4): loopback upstreams allowed, the bench client allowlisted, and its
/// default log level (a successful call writes no line at it; a failed one does).
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private GatewayServer(ServerProcess process, int publicPort, int managementPort)
    {
        _process = process;
        PublicUrl = $"http://127.0.0.1:{publicPort}";
        ManagementUrl = $"http://127.0.0.1:{managementPort}";
    }

    public string PublicUrl { get; }

    public string ManagementUrl { get; }

    public int Pid => _process.Pid;

    /// <summary>From process start until <c>/readyz</c> answered 200.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string RunnerUrl(string runnerId) => $"{PublicUrl}/r/{runnerId}";

    public static async Task<GatewayServer> StartAsync(string name, BenchLayout layout, string redisConnection)
    {
        var publicPort = Ports.Free();
        var managementPort = Ports.Free();
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redisConnection,
            ["Kestrel__Endpoints__Public__Url"] = $"http://127.0.0.1:{publicPort}",
            ["Kestrel__Endpoints__Management__Url"] = $"http://127.0.0.1:{managementPort}",
            ["Gateway__AllowPrivateUpstreams"] = "true",
            ["Gateway__AllowedNetworks__0"] = "127.0.0.1/32",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };

        // Runtime settings tried on the gateway alone (e.g. GC or thread-pool knobs), side by side with a run without them.
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_GATEWAY_ENV") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = setting.Split('=', 2) is [var k, var v] ? (k, v) : throw new ArgumentException("BENCH_GATEWAY_ENV takes KEY=VALUE pairs separated by spaces: " + setting);
            env[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = ServerProcess.Start(name, "dotnet", [layout.GatewayDll], layout.WorkDir, env, Path.GetDirectoryName(layout.GatewayDll));
        var gateway = new GatewayServer(process, publicPort, managementPort);
        try
        {
            await Wait.ForHttpOkAsync(gateway.ManagementUrl + "/readyz", TimeSpan.FromSeconds(60), process, pollMs: 5).ConfigureAwait(false);
            gateway.StartupTime = watch.Elapsed;
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return gateway;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
