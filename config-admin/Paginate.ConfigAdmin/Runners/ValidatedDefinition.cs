using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>
/// The answer of <c>POST /api/runners/validate</c>: the definition compiles; here it is with every default
/// filled in, and the placeholders a call must fill.
/// </summary>
internal sealed record ValidatedDefinition(bool Valid, RunnerDefinition Config, IReadOnlyList<string> Placeholders);
