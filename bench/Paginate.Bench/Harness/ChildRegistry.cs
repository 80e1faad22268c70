namespace Paginate.Bench.Harness;

/// <summary>
/// Every server still running, so that an exit by exception, Ctrl+C or SIGTERM still kills them.
/// The pids are also written to a file that <c>bench/run.sh</c> kills from its trap, in case this
/// process itself is killed without a chance to clean up.
/// </summary>
internal static class ChildRegistry
{
    private static readonly List<ServerProcess> Servers = [];
    private static string? _pidFile;

    /// <summary>Hooks process exit and Ctrl+C; <paramref name="pidFile"/> may be null.</summary>
    public static void Install(string? pidFile)
    {
        _pidFile = pidFile;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static void Add(ServerProcess server)
    {
        lock (Servers)
        {
            Servers.Add(server);
            WritePids();
        }
    }

    public static void Remove(ServerProcess server)
    {
        lock (Servers)
        {
            Servers.Remove(server);
            WritePids();
        }
    }

    public static void KillAll()
    {
        ServerProcess[] all;
        lock (Servers)
        {
            all = [.. Servers];
        }

        foreach (var server in all)
        {
            server.Kill();
        }
    }

    private static void WritePids()
    {
        if (_pidFile is null)
        {
            return;
        }

        try
        {
            File.WriteAllLines(_pidFile, Servers.Where(s => !s.HasExited).Select(s => s.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (IOException)
        {
            // The pid file is a safety net only.
        }
    }
}
