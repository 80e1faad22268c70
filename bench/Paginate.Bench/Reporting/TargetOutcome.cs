namespace Paginate.Bench.Reporting;

/// <summary>One target of the benchmark issue and how this run did against it.</summary>
/// <param name="Met">True met, false missed, null not measured (the note says why).</param>
internal sealed record TargetOutcome(string Workload, string Target, string Measured, bool? Met, string Note = "");
