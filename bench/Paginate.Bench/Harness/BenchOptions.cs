using System.Globalization;

namespace Paginate.Bench.Harness;

/// <summary>
/// Sizes of one run. The full run keeps under about ten minutes on two shared cores; <c>--quick</c>
/// is a smoke run under two minutes with smaller sizes and fewer repetitions.
/// </summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    /// <summary>Interleaved repetitions of every timed comparison.</summary>
    public int Repetitions { get; init; } = 7;

    /// <summary>Items per upstream page in the paging workloads.</summary>
    public int ItemsPerPage { get; init; } = 100;

    /// <summary>Workload numbers to run (1..8); empty for all.</summary>
    public IReadOnlySet<int> Only { get; init; } = new HashSet<int>();

    public int WrkSeconds { get; init; } = 6;

    public int WrkConnections { get; init; } = 64;

    public int WrkRepetitions { get; init; } = 5;

    /// <summary>Seconds of wrk per repetition in the deferred-CPU workload (8), and its repetitions.</summary>
    public int CpuSeconds { get; init; } = 3;

    public int CpuRepetitions { get; init; } = 5;

    public int MemoryPages { get; init; } = 1000;

    public int MemoryItemBytes { get; init; } = 1_000_000;

    public int LoadConcurrency { get; init; } = 500;

    public int LoadWaves { get; init; } = 5;

    public int CatalogRunners { get; init; } = 10_000;

    public int PublishSamples { get; init; } = 50;

    public int CatalogStarts { get; init; } = 3;

    public bool Runs(int workload) => Only.Count == 0 || Only.Contains(workload);

    public static BenchOptions Quicker() => new()
    {
        Quick = true,
        Repetitions = 2,
        WrkSeconds = 2,
        WrkRepetitions = 1,
        MemoryPages = 100,
        CpuSeconds = 2,
        CpuRepetitions = 1,
        LoadWaves = 1,
        CatalogRunners = 1_000,
        PublishSamples = 10,
        CatalogStarts = 1,
    };

    /// <summary>Applies <c>--reps N</c> and <c>--only 1,4</c> on top of the full or quick sizes.</summary>
    public BenchOptions With(IReadOnlyDictionary<string, string> args)
    {
        var options = this;
        if (args.TryGetValue("--reps", out var reps))
        {
            options = options with { Repetitions = int.Parse(reps, CultureInfo.InvariantCulture) };
        }

        if (args.TryGetValue("--only", out var only))
        {
            options = options with { Only = only.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet() };
        }

        return options;
    }
}
