using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paginate.Bench.Harness;

/// <summary>A redis-server on a free loopback port, no persistence, in its own folder.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private RedisServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(string name, BenchLayout layout)
    {
        var port = Ports.Free();
        var dir = Directory.CreateDirectory(Path.Combine(layout.WorkDir, name)).FullName;
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var process = ServerProcess.Start(name, executable,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", dir, "--daemonize", "no", "--loglevel", "warning"],
            layout.WorkDir);
        var server = new RedisServer(process, port);
        for (var i = 0; i < 500; i++)
        {
            if (await server.PingAsync().ConfigureAwait(false))
            {
                return server;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        await server.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException("redis-server did not answer PING (see " + name + ".log)");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray()).ConfigureAwait(false);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
