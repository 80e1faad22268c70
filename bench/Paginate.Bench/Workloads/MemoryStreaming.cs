using System.Diagnostics;
using Paginate.Bench.Clients;
using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;

namespace Paginate.Bench.Workloads;

/// <summary>
/// Workload 5: one very large answer (1000 pages of one 1 MB item, about 1 GB) streamed through the
/// gateway to a client that discards it while counting bytes and items; the gateway's resident
/// memory is sampled from /proc every 10 ms, its peak (VmHWM) reset just before the call.
/// </summary>
internal sealed class MemoryStreaming : IWorkload
{
    private const int WarmPages = 5;
    private string _runner = "", _warm = "";

    public IReadOnlyList<int> Numbers => [5];

    public async Task PrepareAsync(BenchContext context)
    {
        var options = context.Options;
        _runner = await context.PublishAsync("mem", BenchRunners.PageNumber("bench big answer", context.PagesUrl(options.MemoryPages, 0, 1, options.MemoryItemBytes), 1, 1000)).ConfigureAwait(false);
        _warm = await context.PublishAsync("memwarm", BenchRunners.PageNumber("bench big answer warm-up", context.PagesUrl(WarmPages, 0, 1, options.MemoryItemBytes), 1, 1000)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var reps = options.Quick ? 1 : 2;
        var pid = context.Gateway.Pid;
        context.Log($"workload 5: {options.MemoryPages} pages × {options.MemoryItemBytes / 1_000_000.0:0.#} MB through the gateway");

        // Warm the path (JIT, buffers, pooled connections) with the same page size, so growth is the answer's, not start-up's.
        await GatewayCall.RunAsync(context.Client, context.Gateway.RunnerUrl(_warm), WarmPages, cancellationToken).ConfigureAwait(false);

        var table = new Table("repetition", "bytes received", "items (counted / meta)", "time", "throughput", "RSS before", "peak RSS", "peak growth");
        var growths = new List<double>();
        var errors = new List<string>();
        var peakResetWorked = true;
        for (var rep = 0; rep < reps; rep++)
        {
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            peakResetWorked &= ProcStatus.TryResetPeak(pid);
            var before = ProcStatus.Read(pid);
            var watch = Stopwatch.StartNew();
            AnswerCount? count;
            string? error;
            await using (var sampler = new ProcSampler(pid))
            {
                (count, error) = await GatewayCall.FetchAsync(context.Client, context.Gateway.RunnerUrl(_runner), cancellationToken).ConfigureAwait(false);
                watch.Stop();
                var growth = sampler.MaxRssKb - before.RssKb;
                error ??= GatewayCall.Check(count!, options.MemoryPages);
                if (error is not null)
                {
                    errors.Add(error);
                }
                else
                {
                    growths.Add(growth);
                }

                table.Row((rep + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    count is null ? "n/a" : Fmt.Mb(count.Bytes / 1024.0),
                    count is null ? "n/a" : $"{count.Items} / {count.MetaItems}",
                    Fmt.Ms(watch.Elapsed.TotalMilliseconds),
                    count is null ? "n/a" : Fmt.Num(count.Bytes / 1_048_576.0 / watch.Elapsed.TotalSeconds, "0") + " MiB/s",
                    Fmt.Mb(before.RssKb), Fmt.Mb(sampler.MaxRssKb), Fmt.Mb(growth));
            }

            context.Log($"  repetition {rep + 1}: {(error ?? "ok")}, growth {growths.LastOrDefault() / 1024:0.0} MB");
        }

        context.Raw["memory_growth_kb"] = growths;
        var worst = growths.Count == 0 ? double.NaN : growths.Max();
        var text = $"""
            One call to a `page_number` runner over {options.MemoryPages} pages of one item padded to {options.MemoryItemBytes:N0} bytes
            (about {options.MemoryPages * (long)options.MemoryItemBytes / 1_000_000_000.0:0.##} GB of answer), at 0 ms per page. The client streams the answer through a
            `Utf8JsonReader`, discards it, and checks the item count against the expected count and `meta.items`. The gateway's
            VmRSS/VmHWM (from `/proc/<pid>/status`) are sampled every 10 ms; VmHWM is reset through `/proc/<pid>/clear_refs`
            before each call{(peakResetWorked ? "" : " (the reset was refused here, so VmHWM is the process-lifetime peak)")}. Growth = peak − RSS just before the call.

            {table}
            {(errors.Count == 0 ? "Every call returned every expected item." : "Errors:\n- " + string.Join("\n- ", errors))}
            """;
        var pagesNote = options.MemoryPages < 1000 ? $" (quick mode: {options.MemoryPages} pages)" : "";
        return
        [
            new Section("5. Memory", text,
            [
                new("5. Memory", "peak RSS growth < 64 MB streaming a 1 GB answer" + pagesNote, Fmt.Mb(worst), growths.Count == 0 ? null : worst < 64 * 1024,
                    growths.Count == 0 ? "no complete answer" : worst < 64 * 1024 ? "" : "see the table: growth with the answer's size means buffering"),
            ]),
        ];
    }
}
