using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workload 3: a page_number list whose page 1 tells the total, 32 pages at 50 ms, through the
/// gateway with <c>max_concurrency</c> 1, 4 and 8 (and the HttpClient loop for reference).
/// </summary>
internal sealed class ParallelPages : IWorkload
{
    private const int Pages = 32;
    private const int DelayMs = 50;
    private static readonly int[] Levels = [1, 4, 8];
    private readonly Dictionary<int, string> _runners = [];

    public IReadOnlyList<int> Numbers => [3];

    private static string Name(int level) => $"gateway, max_concurrency {level}";

    public async Task PrepareAsync(BenchContext context)
    {
        foreach (var level in Levels)
        {
            _runners[level] = await context.PublishAsync($"par32c{level}", BenchRunners.PageNumber($"bench 32 pages c{level}", context.PagesUrl(Pages, DelayMs), level, 50)).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var expected = (long)Pages * context.Options.ItemsPerPage;
        var url = context.PagesUrl(Pages, DelayMs);
        var modes = Levels.Select(level => new Mode(Name(level), ct => GatewayCall.RunAsync(context.Client, context.Gateway.RunnerUrl(_runners[level]), expected, ct))).ToList();
        modes.Add(new Mode("HttpClient loop", ct => DirectLoop.RunAsync(context.Client, url, expected, ct)));
        context.Log("workload 3: parallel pages");
        var result = await new Comparison { Title = $"{Pages} pages at {DelayMs} ms", Modes = modes, Repetitions = context.Options.Repetitions }
            .RunAsync(context.Log, cancellationToken).ConfigureAwait(false);
        context.Raw["parallel_pages"] = result.ToRaw();

        var baseline = Name(1);
        var table = new Table("mode", "median", "min–max", "speed-up over max_concurrency 1 (median, min–max)");
        foreach (var mode in result.Modes)
        {
            var samples = result.Samples(mode);
            var speedups = result.Ratios(mode, baseline).Select(r => 1 / r).ToArray();
            table.Row(mode, Fmt.Ms(Stats.Median(samples)), $"{Fmt.Ms(Stats.Min(samples))}–{Fmt.Ms(Stats.Max(samples))}", Fmt.MedianRange(speedups, Fmt.Ratio));
        }

        var speedup8 = result.Ratios(Name(8), baseline).Select(r => 1 / r).ToArray();
        var median = Stats.Median(speedup8);
        var floor8 = DelayMs * (1 + Math.Ceiling((Pages - 1) / 8.0));
        var text = $"""
            `page_number` runner with `total_pages_path`, {Pages} pages of {context.Options.ItemsPerPage} items at {DelayMs} ms each;
            page 1 reveals the total, then up to `max_concurrency` pages are in flight. {context.Options.Repetitions} interleaved repetitions.
            Physical floor: {Pages * DelayMs} ms sequential, {floor8:0} ms at 8 (page 1, then {Math.Ceiling((Pages - 1) / 8.0):0} rounds),
            so the best possible speed-up at 8 is {Pages * DelayMs / floor8:0.0}×.

            {table}
            {SequentialOverhead.Errors(result)}
            """;
        return
        [
            new Section("3. Parallel pages", text,
            [
                new("3. Parallel", "max_concurrency 8 ≥ 5× faster than 1 (32 pages at 50 ms)", Fmt.Ratio(median), speedup8.Length == 0 ? null : median >= 5,
                    median >= 5 ? "" : $"bounded by {Pages * DelayMs / floor8:0.0}× (page 1 must come first)"),
            ]),
        ];
    }
}
