using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>The body of <c>POST /api/runners/detect</c> (documentation only: the handler reads the JSON itself).</summary>
internal sealed record DetectRequest(
    RequestSpec Request,
    IReadOnlyDictionary<string, string>? TestHeaders,
    IReadOnlyDictionary<string, string>? TestQuery);
