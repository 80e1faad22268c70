namespace Paginate.Bench.Reporting;

/// <summary>How the run was started and how long it took.</summary>
internal sealed record RunSummary(string Command, bool Quick, DateTimeOffset StartedAt, TimeSpan Duration, string? Note, string LoadAtStart, string LoadAtEnd)
{
    /// <summary>The first three fields of /proc/loadavg: how busy the shared machine was.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
