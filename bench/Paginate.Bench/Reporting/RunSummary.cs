namespace Paginate.Bench.Reporting;

/// <summary>How the run was started and how long it took.</summary>
internal sealed record RunSummary(string Command, bool Quick, DateTimeOffset StartedAt, TimeSpan Duration, string? Note);
