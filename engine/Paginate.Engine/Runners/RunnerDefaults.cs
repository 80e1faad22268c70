namespace Paginate.Engine.Runners;

/// <summary>
/// The one home of the runner defaults: each pagination style's (CONTRACT §1 table), the limits', and the
/// normalization that fills them, so that the strategies and the page loop never deal with missing keys. The
/// model records' initializers and <see cref="RunnerSchema"/> (served to the wizard at <c>/api/schema/runner</c>)
/// read them from here.
/// </summary>
public static class RunnerDefaults
{
    public const string PageParamName = "page";
    public const int StartPage = 1;
    public const string OffsetParamName = "offset";
    public const string LimitParamName = "limit";
    public const int Limit = 100;
    public const long StartOffset = 0;

    // Limits (CONTRACT §1): LimitsSpec's initializers and the served JSON Schema both read these.
    public const int MaxPages = 50;
    public const int PageDelayMs = 0;
    public const int MaxRetries = 3;
    public const int RetryDelayMs = 1000;
    public const int PageTimeoutMs = 30_000;
    public const int TotalTimeoutMs = 120_000;
    public const int MaxConcurrency = 1;
    public const bool StopOnEmptyPage = true;
    public const bool StopOnRepeatedNext = true;
    public const bool StopOnRepeatedPage = true;
    public const int CacheTtlSeconds = 0;
    public const string Method = "GET";

    /// <summary>Largest <c>limits.rate_limit.burst</c>; the default burst never goes past it.</summary>
    public const int MaxBurst = 10_000;

    /// <summary>Where a <c>next_link</c> runner without <c>next_link_path</c> looks, in order.</summary>
    public static readonly IReadOnlyList<string> NextLinkPaths = ["links.next", "next", "paging.next.link"];

    /// <summary>
    /// The definition with the chosen style's defaults filled and other styles' keys dropped, the method in upper
    /// case and <c>items_path</c> <c>""</c> when not set. Expects a definition that passed validation.
    /// </summary>
    public static RunnerDefinition Normalize(RunnerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var request = definition.Request;
        var body = request.Body is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) } b
            ? b.Clone()
            : (System.Text.Json.JsonElement?)null;

        return definition with
        {
            Request = request with
            {
                Method = request.Method.ToUpperInvariant(),
                ForwardHeaders = [.. request.ForwardHeaders],
                StaticHeaders = new Dictionary<string, string>(request.StaticHeaders, StringComparer.OrdinalIgnoreCase),
                Body = body,
            },
            Pagination = NormalizePagination(definition.Pagination),
            Response = definition.Response with { ItemsPath = definition.Response.ItemsPath ?? string.Empty },
            Shape = definition.Shape.Mode == ShapeModes.Select ? definition.Shape with { Fields = [.. definition.Shape.Fields!] } : definition.Shape with { Fields = null },
            Limits = definition.Limits.RateLimit is { } rate
                ? definition.Limits with { RateLimit = rate with { Burst = rate.Burst ?? DefaultBurst(rate.RequestsPerSecond ?? 1) } }
                : definition.Limits,
        };
    }

    /// <summary>
    /// The burst of a rate budget without one: one second's worth of tokens, at least one, so that a budget
    /// below one request per second still lets a single request through.
    /// </summary>
    public static int DefaultBurst(double requestsPerSecond) =>
        (int)Math.Clamp(Math.Ceiling(requestsPerSecond), 1, MaxBurst);

    /// <summary>The pagination spec with the style's defaults filled and every other style's key dropped.</summary>
    public static PaginationSpec NormalizePagination(PaginationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Style switch
        {
            PaginationStyles.PageNumber => new PaginationSpec
            {
                Style = spec.Style,
                PageParam = spec.PageParam ?? ParamPlacement.Query(PageParamName),
                StartPage = spec.StartPage ?? StartPage,
                PageSize = spec.PageSize,
                PageSizeParam = spec.PageSizeParam,
                TotalPagesPath = spec.TotalPagesPath,
                CurrentPagePath = spec.CurrentPagePath,
            },
            PaginationStyles.Offset => new PaginationSpec
            {
                Style = spec.Style,
                OffsetParam = spec.OffsetParam ?? ParamPlacement.Query(OffsetParamName),
                LimitParam = spec.LimitParam ?? ParamPlacement.Query(LimitParamName),
                Limit = spec.Limit ?? Limit,
                StartOffset = spec.StartOffset ?? StartOffset,
                TotalPath = spec.TotalPath,
                NextOffsetPath = spec.NextOffsetPath,
                HasMorePath = spec.HasMorePath,
            },
            PaginationStyles.Cursor => new PaginationSpec
            {
                Style = spec.Style,
                CursorPath = spec.CursorPath,
                CursorParam = spec.CursorParam,
                HasMorePath = spec.HasMorePath,
            },
            PaginationStyles.NextLink => new PaginationSpec { Style = spec.Style, NextLinkPath = spec.NextLinkPath },
            PaginationStyles.Script => new PaginationSpec { Style = spec.Style, Script = spec.Script },
            _ => new PaginationSpec { Style = spec.Style },
        };
    }
}
