using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>One suggested <c>pagination</c> + <c>response</c>, with a confidence (0..1) and what it rests on.</summary>
internal sealed record DetectSuggestion(PaginationSpec Pagination, ResponseSpec Response, double Confidence, string Evidence);
