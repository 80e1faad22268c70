using System.Globalization;

namespace Paginate.Bench.Harness;

/// <summary>
/// The paged upstream every mode reads: the demo API (<c>demo/Paginate.DemoApi</c>), Release build,
/// in its own process on a free loopback port.
/// </summary>
internal sealed class DemoUpstream : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private DemoUpstream(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Pid;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static async Task<DemoUpstream> StartAsync(BenchLayout layout)
    {
        var port = Ports.Free();
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var process = ServerProcess.Start("upstream", "dotnet", [layout.DemoDll, "--urls", url], layout.WorkDir,
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["Logging__LogLevel__Default"] = "Warning" });
        var upstream = new DemoUpstream(process, port);
        try
        {
            await Wait.ForHttpOkAsync(url + "/healthz", TimeSpan.FromSeconds(30), process).ConfigureAwait(false);
        }
        catch
        {
            await upstream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return upstream;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
