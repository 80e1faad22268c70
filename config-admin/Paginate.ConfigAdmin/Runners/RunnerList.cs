namespace Paginate.ConfigAdmin.Runners;

/// <summary>The body of <c>GET /api/runners</c>, newest first.</summary>
internal sealed record RunnerList(IReadOnlyList<RunnerListItem> Runners);
