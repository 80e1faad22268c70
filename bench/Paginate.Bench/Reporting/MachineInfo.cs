using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Paginate.Bench.Reporting;

/// <summary>What the numbers were measured on: cores, memory, CPU model and tool versions.</summary>
internal static partial class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe(string node, string peerDir)
    {
        var memKb = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) ?? "";
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var gotPackage = Path.Combine(peerDir, "node_modules", "got", "package.json");
        var got = File.Exists(gotPackage) ? VersionField().Match(File.ReadAllText(gotPackage)).Groups[1].Value : "not installed";
        return
        [
            ("cores (nproc)", Run("nproc", "")),
            ("memory", memKb.Split(':', 2).ElementAtOrDefault(1)?.Trim() ?? "unknown"),
            ("CPU", model),
            ("kernel", Run("uname", "-r")),
            ("dotnet", Run("dotnet", "--version") + " (runtime " + Environment.Version + ")"),
            ("nginx", Run("nginx", "-v").Replace("nginx version: ", "", StringComparison.Ordinal)),
            ("wrk", FirstLine(Run("wrk", "-v"))),
            ("node (peer)", Run(node, "--version")),
            ("got", got),
            ("redis-server", FirstLine(Run("redis-server", "--version"))),
        ];
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Run(string file, string args)
    {
        try
        {
            var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit(5000);
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }

    [GeneratedRegex("\"version\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex VersionField();
}
