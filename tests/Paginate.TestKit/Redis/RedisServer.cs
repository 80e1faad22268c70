using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paginate.TestKit.Redis;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with no persistence, in a temp folder.
/// Can be stopped and started again on the same port (to test outages). Kills the process on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly string? _configFile;
    private Process? _process;

    private RedisServer(int port, string dir, IReadOnlyList<string>? extraArgs = null, string? configFile = null)
    {
        Port = port;
        _dir = dir;
        _extraArgs = extraArgs ?? [];
        _configFile = configFile;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a new server on a free port and waits until it answers PING.</summary>
    public static Task<RedisServer> StartAsync() => StartAsync([]);

    /// <summary>
    /// Starts a server with more arguments (cluster mode, <c>--replicaof</c>, <c>--sentinel</c>) on
    /// <paramref name="port"/> (a free one when null). <paramref name="config"/> is written to a config file given
    /// first, for modes that rewrite their config (Sentinel, Cluster).
    /// </summary>
    public static async Task<RedisServer> StartAsync(IReadOnlyList<string> extraArgs, string? config = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(extraArgs);
        var dir = Path.Combine(Path.GetTempPath(), "paginate-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string? configFile = null;
        if (config is not null)
        {
            configFile = Path.Combine(dir, "redis.conf");
            await File.WriteAllTextAsync(configFile, config).ConfigureAwait(false);
        }

        var server = new RedisServer(port ?? FreePort(), dir, extraArgs, configFile);
        await server.StartAgainAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the server (again) on the same port.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dir,
        };
        if (_configFile is not null)
        {
            info.ArgumentList.Add(_configFile);
        }

        foreach (var arg in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--dir", _dir, "--daemonize", "no", "--loglevel", "warning",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in _extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await TryPingAsync().ConfigureAwait(false))
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        throw new TimeoutException($"redis-server did not answer on port {Port}");
    }

    /// <summary>Kills the server process (data is lost: no persistence).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Every key with its value rendered as text (strings, hashes, lists, sets, sorted sets): for tests that
    /// assert a secret appears nowhere in Redis.
    /// </summary>
    public async Task<string> DumpAllAsync()
    {
        var text = new StringBuilder();
        var keys = await CommandAsync("KEYS", "*").ConfigureAwait(false);
        foreach (var key in keys)
        {
            text.Append(key).Append(" => ");
            var type = (await CommandAsync("TYPE", key).ConfigureAwait(false)).FirstOrDefault();
            string[] value = type switch
            {
                "string" => await CommandAsync("GET", key).ConfigureAwait(false),
                "hash" => await CommandAsync("HGETALL", key).ConfigureAwait(false),
                "list" => await CommandAsync("LRANGE", key, "0", "-1").ConfigureAwait(false),
                "set" => await CommandAsync("SMEMBERS", key).ConfigureAwait(false),
                "zset" => await CommandAsync("ZRANGE", key, "0", "-1", "WITHSCORES").ConfigureAwait(false),
                _ => [$"<{type}>"],
            };
            text.AppendJoin(" | ", value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Runs one command over a raw RESP connection (independent of the code under test).</summary>
    public async Task<string[]> CommandAsync(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
        await using var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString())).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new List<string>();
        await ReadReplyAsync(reader, result).ConfigureAwait(false);
        return [.. result];
    }

    private static async Task ReadReplyAsync(StreamReader reader, List<string> into)
    {
        var line = await reader.ReadLineAsync().ConfigureAwait(false) ?? throw new IOException("connection closed");
        switch (line[0])
        {
            case '+':
            case ':':
                into.Add(line[1..]);
                break;
            case '-':
                throw new InvalidOperationException("redis: " + line[1..]);
            case '$':
                var length = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    break;
                }

                var buffer = new char[length];
                var read = 0;
                while (read < length)
                {
                    read += await reader.ReadAsync(buffer.AsMemory(read, length - read)).ConfigureAwait(false);
                }

                await reader.ReadLineAsync().ConfigureAwait(false);
                into.Add(new string(buffer));
                break;
            case '*':
                var count = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    await ReadReplyAsync(reader, into).ConfigureAwait(false);
                }

                break;
            default:
                throw new InvalidOperationException("unexpected reply: " + line);
        }
    }

    private async Task<bool> TryPingAsync()
    {
        try
        {
            var reply = await CommandAsync("PING").ConfigureAwait(false);
            return reply is ["PONG"];
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
