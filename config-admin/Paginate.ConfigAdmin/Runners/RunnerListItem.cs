namespace Paginate.ConfigAdmin.Runners;

/// <summary>One line of <c>GET /api/runners</c>.</summary>
internal sealed record RunnerListItem(string Id, string? Name, DateTimeOffset CreatedAt, string RunnerUrl);
