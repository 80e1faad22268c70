namespace Paginate.Bench.Reporting;

/// <summary>A workload's part of RESULTS.md: its markdown and its targets.</summary>
internal sealed record Section(string Title, string Markdown, IReadOnlyList<TargetOutcome> Targets)
{
    /// <summary>A section for a workload that could not run, with the reason.</summary>
    public static Section Failed(string title, string reason, IEnumerable<TargetOutcome> targets) =>
        new(title, $"Not measured in this run: {reason}\n", targets.ToArray());
}
