using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Paginate.Bench.Engine;

/// <summary>
/// <c>Paginate.Bench allocs</c>: runs <see cref="CallAllocations"/> in-process (no generated project to build)
/// and prints bytes per call and per page as a markdown table for bench/RESULTS.md.
/// </summary>
internal static class AllocationBench
{
    public static int Run(string[] args)
    {
        var artifacts = args.Length > 0 ? args[0] : Path.Combine("bench", "out", "allocations");
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithArtifactsPath(artifacts);
        var summary = BenchmarkRunner.Run<CallAllocations>(config);
        var perCall = new SortedDictionary<int, long>();
        foreach (var report in summary.Reports)
        {
            var pages = (int)report.BenchmarkCase.Parameters["Pages"];
            perCall[pages] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
        }

        Console.WriteLine("| pages per call | bytes allocated per call | per page |");
        Console.WriteLine("|---:|---:|---:|");
        foreach (var (pages, bytes) in perCall)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pages} | {bytes:N0} | {bytes / (double)pages:N0} |"));
        }

        if (perCall.TryGetValue(1, out var one) && perCall.TryGetValue(20, out var twenty))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"marginal bytes per page: {(twenty - one) / 19.0:N0}; fixed per call: {one - ((twenty - one) / 19.0):N0}"));
        }

        return summary.HasCriticalValidationErrors ? 1 : 0;
    }
}
