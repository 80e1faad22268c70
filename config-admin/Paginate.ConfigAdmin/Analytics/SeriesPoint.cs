namespace Paginate.ConfigAdmin.Analytics;

/// <summary>One bucket of the calls-over-time chart: its start, the calls in it and how many failed.</summary>
internal sealed record SeriesPoint(DateTimeOffset At, int Calls, int Errors);
