using System.Globalization;

namespace Paginate.Bench.Harness;

/// <summary>
/// Debian's nginx in the foreground, with a temp prefix and config rendered from
/// <c>bench/nginx/nginx.conf.template</c>, proxying to the same upstream the gateway reads.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private NginxServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The master process; its workers are its children.</summary>
    public int Pid => _process.Pid;

    public static async Task<NginxServer> StartAsync(BenchLayout layout, int upstreamPort)
    {
        var port = Ports.Free();
        var prefix = Directory.CreateDirectory(Path.Combine(layout.WorkDir, "nginx")).FullName;
        foreach (var dir in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs" })
        {
            var path = Directory.CreateDirectory(Path.Combine(prefix, dir)).FullName;
            // Workers drop to an unprivileged user when nginx starts as root; they must still write here.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
            }
        }

        var config = (await File.ReadAllTextAsync(layout.NginxTemplate).ConfigureAwait(false))
            .Replace("__PREFIX__", prefix, StringComparison.Ordinal)
            .Replace("__PORT__", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__UPSTREAM__", "127.0.0.1:" + upstreamPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var configPath = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config).ConfigureAwait(false);

        var executable = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = ServerProcess.Start("nginx", executable, ["-p", prefix, "-e", Path.Combine(prefix, "error.log"), "-c", configPath, "-g", "daemon off;"], layout.WorkDir);
        var server = new NginxServer(process, port);
        try
        {
            await Wait.ForHttpOkAsync(server.BaseUrl + "/healthz", TimeSpan.FromSeconds(20), process).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
