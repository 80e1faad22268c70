namespace Paginate.ConfigAdmin.Detection;

/// <summary>The body of <c>POST /api/runners/detect</c>: suggestions best first, plus what the first page held.</summary>
internal sealed record DetectResponse(IReadOnlyList<DetectSuggestion> Suggestions, int UpstreamStatus, int? ItemsFound);
