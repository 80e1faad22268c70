using System.Globalization;
using System.Text;

namespace Paginate.Bench.Reporting;

/// <summary>
/// Writes the gateway part of bench/RESULTS.md (the machine, the method, every target's outcome, then each
/// workload) between its own markers, so the other benchmark families' sections in the file stay as they are.
/// </summary>
internal static class ResultsWriter
{
    private const string Start = "<!-- gateway:start -->";
    private const string End = "<!-- gateway:end -->";

    /// <summary>Replaces the gateway section of <paramref name="path"/> (or appends it), keeping everything else.</summary>
    public static void WriteSection(string path, string markdown)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n";
        var block = $"{Start}\n{markdown.Trim()}\n{End}";
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? string.Concat(text.AsSpan(0, from), block, text.AsSpan(to + End.Length))
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }

    public static string Render(RunSummary run, IReadOnlyList<(string Name, string Value)> machine, IReadOnlyList<Section> sections)
    {
        var text = new StringBuilder();
        text.Append("## Gateway\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Written by `{run.Command}` on {run.StartedAt:yyyy-MM-dd HH:mm} UTC; the whole run took {run.Duration.TotalMinutes:0.0} min.\n");
        if (run.Quick)
        {
            text.Append("\n**Quick mode (smoke run):** fewer repetitions and smaller sizes; read the outcomes as a sanity check, not as the figures.\n");
        }

        if (run.Note is { Length: > 0 } note)
        {
            text.Append('\n').Append(note).Append('\n');
        }

        var machineTable = new Table("machine", "");
        foreach (var (name, value) in machine)
        {
            machineTable.Row(name, value);
        }

        machineTable.Row("load average (1/5/15 min) at start / end", run.LoadAtStart + " / " + run.LoadAtEnd);
        text.Append("\n### Machine and versions\n\n").Append(machineTable);
        text.Append("""

            ### Method

            - One run, everything on loopback: redis-server (no persistence), the demo upstream (`demo/Paginate.DemoApi`,
              Release, its own process), the gateway (Release, its own process, so its RSS and threads are its own), nginx
              (Debian's, foreground, temp prefix), the got peer (one warm node process) and the C# client (this program).
              Every mode reads the same upstream routes with the same knobs, and every answer's item count is checked.
            - The machine is small and shared, so modes are interleaved: each repetition runs every mode once, in a
              rotated order. Ratios are taken within a repetition and then summarised as median (min–max). No single
              absolute time is the claim; the ratios against the baseline measured in the same run are.
            - Gateway config: `Gateway__AllowPrivateUpstreams=true`, `Gateway__AllowedNetworks__0=127.0.0.1/32`,
              `ConnectionStrings__Redis`, `Kestrel__Endpoints__Public__Url`/`Management__Url`, log level Warning.
              Runners are published straight into Redis through the engine's runner store before the gateway starts.

            ### Targets


            """);
        var targets = new Table("workload", "target", "measured", "outcome", "what limits it / note");
        foreach (var target in sections.SelectMany(s => s.Targets))
        {
            var outcome = target.Met switch { true => "met", false => "**missed**", null => target.Note.StartsWith("reported", StringComparison.Ordinal) ? "reported" : "not measured" };
            targets.Row(target.Workload, target.Target, target.Measured, outcome, target.Note);
        }

        text.Append(targets);
        foreach (var section in sections)
        {
            text.Append("\n### ").Append(section.Title).Append("\n\n").Append(section.Markdown.TrimEnd()).Append('\n');
        }

        return text.ToString();
    }
}
