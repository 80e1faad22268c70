using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workloads 1 and 2: a 20-page page_number list read through the gateway, by a plain HttpClient
/// loop (the baseline) and by got (the peer), interleaved, at 20 ms and at 0 ms per page; plus the
/// gateway with <c>max_concurrency</c> 8 against got with a pool of 8.
/// </summary>
internal sealed class SequentialOverhead : IWorkload
{
    private const int Pages = 20;
    private const string Loop = "HttpClient loop";
    private const string Gateway = "gateway";
    private const string Got = "got.paginate.all";
    private const string Gateway8 = "gateway, max_concurrency 8";
    private const string Got8 = "got, 8 at once";

    private string _seq20 = "", _par20 = "", _seq0 = "";

    public IReadOnlyList<int> Numbers => [1, 2];

    public async Task PrepareAsync(BenchContext context)
    {
        _seq20 = await context.PublishAsync("seq20", BenchRunners.PageNumber("bench sequential 20 ms", context.PagesUrl(Pages, 20), 1, 50)).ConfigureAwait(false);
        _par20 = await context.PublishAsync("par20", BenchRunners.PageNumber("bench parallel 20 ms", context.PagesUrl(Pages, 20), 8, 50)).ConfigureAwait(false);
        _seq0 = await context.PublishAsync("seq0", BenchRunners.PageNumber("bench sequential 0 ms", context.PagesUrl(Pages, 0), 1, 50)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var expected = (long)Pages * context.Options.ItemsPerPage;
        // 0 ms first, with a long warm-up: it is cheap, and it brings every mode's code to its optimised tier.
        var fast = await Compare(context, $"{Pages} pages at 0 ms", context.PagesUrl(Pages, 0), _seq0, null, expected, callsPerSample: 10, warmup: 30, cancellationToken).ConfigureAwait(false);
        var slow = await Compare(context, $"{Pages} pages at 20 ms", context.PagesUrl(Pages, 20), _seq20, _par20, expected, callsPerSample: context.Options.Quick ? 3 : 5, warmup: 2, cancellationToken).ConfigureAwait(false);
        context.Raw["sequential_20ms"] = slow.ToRaw();
        context.Raw["sequential_0ms"] = fast.ToRaw();
        return [Overhead(context, slow, fast), Peer(context, slow, fast)];
    }

    private static async Task<ComparisonResult> Compare(BenchContext context, string title, string pagesUrl, string runner, string? parallelRunner, long expected, int callsPerSample, int warmup, CancellationToken cancellationToken)
    {
        var modes = new List<Mode>
        {
            new(Loop, ct => DirectLoop.RunAsync(context.Client, pagesUrl, expected, ct)),
            new(Gateway, ct => GatewayCall.RunAsync(context.Client, context.Gateway.RunnerUrl(runner), expected, ct)),
        };
        if (context.Peer is { } peer)
        {
            modes.Add(new(Got, ct => peer.FetchAsync(pagesUrl + "&page=1", 1, expected, ct)));
        }

        if (parallelRunner is not null)
        {
            modes.Add(new(Gateway8, ct => GatewayCall.RunAsync(context.Client, context.Gateway.RunnerUrl(parallelRunner), expected, ct)));
            if (context.Peer is { } peer8)
            {
                modes.Add(new(Got8, ct => peer8.FetchAsync(pagesUrl + "&page=1", 8, expected, ct)));
            }
        }

        var comparison = new Comparison { Title = title, Modes = modes, Repetitions = context.Options.Repetitions, CallsPerSample = callsPerSample, WarmupCalls = warmup };
        context.Log($"workload 1/2: {title}");
        return await comparison.RunAsync(context.Log, cancellationToken).ConfigureAwait(false);
    }

    private static Section Overhead(BenchContext context, ComparisonResult slow, ComparisonResult fast)
    {
        var ratio = slow.Ratios(Gateway, Loop);
        var added = fast.Differences(Gateway, Loop, Pages);
        var text = $"""
            The same {Pages} pages of {context.Options.ItemsPerPage} items from the demo upstream's `/pages` route, read by a
            plain C# `HttpClient` loop (request page N, parse it, count its items, stop at `total_pages`) and through
            the gateway (`page_number` runner, `total_pages_path`, `full` shape, the client streams and counts the
            answer). {context.Options.Repetitions} interleaved repetitions; one sample is the median of {(context.Options.Quick ? 3 : 5)} calls at 20 ms and of 10 calls at 0 ms.
            Ratios and differences are taken within a repetition, then summarised.

            {ModeTable(slow, Loop, [Loop, Gateway])}
            {ModeTable(fast, Loop, [Loop, Gateway])}
            Added by the gateway per page at 0 ms: {Fmt.MedianRange(added, Fmt.Ms)} (median, min–max over repetitions).

            {Errors(slow, fast)}
            """;
        var ratioMedian = Stats.Median(ratio);
        var addedMedian = Stats.Median(added);
        return new Section("1. Sequential overhead", text,
        [
            new("1. Sequential", "gateway / HttpClient loop ≤ 1.05 at 20 ms per page (median of per-repetition ratios)",
                $"{Fmt.Num(ratioMedian, "0.000")}× ({Fmt.Ratio(Stats.Min(ratio))}–{Fmt.Ratio(Stats.Max(ratio))})", ratio.Count == 0 ? null : ratioMedian <= 1.05,
                ratioMedian <= 1.05 ? "" : ratio.Min() <= 1.05
                    ? $"met in the quietest repetition ({Fmt.Ratio(ratio.Min())}); the median is set by machine noise (see the load average and the spread in section 1)"
                    : "every repetition above: one more loopback hop, and each page parsed and re-written, on 2 shared cores"),
            new("1. Sequential", "< 1 ms added per page at 0 ms (median of per-repetition differences)", Fmt.MedianRange(added, Fmt.Ms), added.Count == 0 ? null : addedMedian < 1,
                addedMedian < 1 ? "" : "one more loopback hop and a parse + re-write of each page on 2 shared cores"),
        ]);
    }

    private static Section Peer(BenchContext context, ComparisonResult slow, ComparisonResult fast)
    {
        if (context.Peer is null)
        {
            return Section.Failed("2. Peer (got)", context.Missing.GetValueOrDefault("peer", "the peer did not start"),
                [new("2. Peer", "gateway / got time ratio", "n/a", null, "peer not run")]);
        }

        var seq = slow.Ratios(Gateway, Got);
        var par = slow.Ratios(Gateway8, Got8);
        var zero = fast.Ratios(Gateway, Got);
        var text = $"""
            The same pages fetched by the [got](https://github.com/sindresorhus/got) library's `got.paginate.all`
            (one warm node process; time taken inside node around the call). got has no parallel paginator, so the
            "8 at once" peer fetches page 1 with got, reads `total_pages`, then fetches the rest with got from a pool
            of 8 workers, keeping page order — what the gateway's `max_concurrency: 8` does.

            {ModeTable(slow, Got, [Gateway, Got, Gateway8, Got8])}
            {ModeTable(fast, Got, [Gateway, Got])}
            """;
        return new Section("2. Peer (got)", text,
        [
            new("2. Peer", "gateway / got, sequential, 20 ms per page (report)", Fmt.MedianRange(seq, Fmt.Ratio), null, "reported, no target"),
            new("2. Peer", "gateway / got, 8 at once, 20 ms per page (report)", Fmt.MedianRange(par, Fmt.Ratio), null, "reported, no target"),
            new("2. Peer", "gateway / got, sequential, 0 ms per page (report)", Fmt.MedianRange(zero, Fmt.Ratio), null, "reported, no target"),
        ]);
    }

    /// <summary>A table of the given modes: median time, min–max, and the ratio to <paramref name="baseline"/>.</summary>
    internal static string ModeTable(ComparisonResult result, string baseline, IReadOnlyList<string> modes)
    {
        var table = new Table("mode", "median", "min–max", $"ratio to {baseline} (median, min–max)");
        foreach (var mode in modes.Where(result.Modes.Contains))
        {
            var samples = result.Samples(mode);
            var ratios = result.Ratios(mode, baseline);
            table.Row(mode, Fmt.Ms(Stats.Median(samples)), $"{Fmt.Ms(Stats.Min(samples))}–{Fmt.Ms(Stats.Max(samples))}", Fmt.MedianRange(ratios, Fmt.Ratio));
        }

        return $"**{result.Title}**\n\n{table}";
    }

    internal static string Errors(params ComparisonResult[] results)
    {
        var lines = results.SelectMany(r => r.Modes.SelectMany(m => r.Errors(m).Select(e => $"- {r.Title}, {m}: {e}"))).Distinct().Take(10).ToArray();
        return lines.Length == 0 ? "Every call returned every expected item." : "Errors:\n" + string.Join('\n', lines);
    }
}
