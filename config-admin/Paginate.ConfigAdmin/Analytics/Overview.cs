namespace Paginate.ConfigAdmin.Analytics;

/// <summary>The home page totals: runners, and calls over every runner's kept records.</summary>
internal sealed record Overview(int ActiveRunners, long TotalCalls, long ClayCalls);
