namespace Paginate.ConfigAdmin.Analytics;

/// <summary>The home page totals: runners, and lifetime calls over every runner (from the counters).</summary>
internal sealed record Overview(int ActiveRunners, long TotalCalls, long ClayCalls);
