namespace Paginate.Engine.Runners;

/// <summary>
/// One saved, immutable recipe (CONTRACT §1): which upstream endpoint to call, how it paginates,
/// where the items are, how to shape them, and the safety limits.
/// </summary>
public sealed record RunnerDefinition
{
    /// <summary>Human name shown in the admin UI. Required.</summary>
    public string? Name { get; init; }

    /// <summary>Optional free text.</summary>
    public string? Description { get; init; }

    /// <summary>The first upstream request. Required.</summary>
    public RequestSpec Request { get; init; } = new();

    /// <summary>How the next page is requested. Defaults to style <c>none</c>.</summary>
    public PaginationSpec Pagination { get; init; } = new();

    /// <summary>Where the items are in each page.</summary>
    public ResponseSpec Response { get; init; } = new();

    /// <summary>How each item is written to the answer. Defaults to <c>full</c>.</summary>
    public ShapeSpec Shape { get; init; } = new();

    /// <summary>Safety limits. Every field has a default.</summary>
    public LimitsSpec Limits { get; init; } = new();

    /// <summary>The answer cache (contract v2). Off by default.</summary>
    public CacheSpec Cache { get; init; } = new();
}
