using System.Diagnostics;

namespace Paginate.Bench.Harness;

/// <summary>
/// One server the benchmark started: its output goes to a log file, and it is killed (with its
/// children) when disposed or when the benchmark exits, whatever way it exits.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="file"/>; its stdout and stderr go to <c>{logDir}/{name}.log</c>.</summary>
    public static ServerProcess Start(string name, string file, IEnumerable<string> args, string logDir, IReadOnlyDictionary<string, string>? env = null, string? workDir = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? logDir,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(logDir, name + ".log"), append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException(name + " did not start");
        var server = new ServerProcess(name, process, log);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ChildRegistry.Add(server);
        return server;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    /// <summary>Kills the process tree now; safe to call twice.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        ChildRegistry.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        lock (_log)
        {
            _log.Dispose();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
