using System.Globalization;

namespace Paginate.Bench.Harness;

/// <summary>One reading of <c>/proc/{pid}/status</c> and <c>/proc/{pid}/stat</c>: memory in KiB, threads, CPU time.</summary>
internal readonly record struct ProcStatus(long RssKb, long HwmKb, int Threads, double CpuMs)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ is 100 on Linux for every architecture .NET runs on.

    public static ProcStatus Read(int pid)
    {
        long rss = 0, hwm = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kb(line);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = (int)Kb(line);
            }
        }

        return new ProcStatus(rss, hwm, threads, CpuMsOf(pid));
    }

    /// <summary>Resets the peak resident size (VmHWM) to the current one, so a peak can be measured per call.</summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>User plus system CPU time of the process, in milliseconds.</summary>
    public static double CpuMsOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) * 1000.0 / TicksPerSecond;
    }

    /// <summary>CPU time of the process and its direct children (nginx: the master and its workers), in milliseconds.</summary>
    public static double TreeCpuMs(int pid)
    {
        var total = CpuMsOf(pid);
        var children = $"/proc/{pid}/task/{pid}/children";
        if (File.Exists(children))
        {
            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    total += CpuMsOf(int.Parse(child, CultureInfo.InvariantCulture));
                }
                catch (IOException)
                {
                    // The child ended meanwhile.
                }
            }
        }

        return total;
    }

    private static long Kb(string line)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture);
    }
}
