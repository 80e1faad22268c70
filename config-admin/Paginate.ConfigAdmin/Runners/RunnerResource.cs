using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>A saved runner as the API shows it (on create and on get).</summary>
internal sealed record RunnerResource(
    string Id,
    DateTimeOffset CreatedAt,
    string RunnerUrl,
    string ManagementUrl,
    string AnalyticsUrl,
    RunnerDefinition Config);
