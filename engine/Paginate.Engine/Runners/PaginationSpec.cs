using System.Text.Json.Serialization;

namespace Paginate.Engine.Runners;

/// <summary>
/// Pagination settings. <see cref="Style"/> picks which of the other keys apply (CONTRACT §1 table);
/// keys of other styles are rejected by validation. Missing keys take the style's defaults
/// (see <see cref="RunnerDefaults"/>).
/// </summary>
public sealed record PaginationSpec
{
    /// <summary>One of <see cref="PaginationStyles.All"/>. Default <c>none</c>.</summary>
    public string Style { get; init; } = PaginationStyles.None;

    // page_number
    /// <summary>page_number: where the page number goes. Default query <c>page</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? PageParam { get; init; }
    /// <summary>page_number: the first page's number, 0 or more. Default 1.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? StartPage { get; init; }
    /// <summary>page_number: items per page (1..100,000); a shorter page stops the run. Default null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? PageSize { get; init; }
    /// <summary>page_number: where <see cref="PageSize"/> is sent; needs it. Default null (not sent).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? PageSizeParam { get; init; }
    /// <summary>page_number: path to the total number of pages. Default null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TotalPagesPath { get; init; }
    /// <summary>page_number: path to the API's own page number, the base of the next page. Default null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CurrentPagePath { get; init; }

    // offset
    /// <summary>offset: where the offset goes. Default query <c>offset</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? OffsetParam { get; init; }
    /// <summary>offset: where the limit goes. Default query <c>limit</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? LimitParam { get; init; }
    /// <summary>offset: items requested per page (1..100,000); fewer items stop the run. Default 100.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Limit { get; init; }
    /// <summary>offset: the first offset, 0 or more. Default 0.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? StartOffset { get; init; }
    /// <summary>offset: path to the total number of items. Default null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TotalPath { get; init; }
    /// <summary>offset: path to the next offset given by the API (may use <c>$last_item.</c>). Default null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NextOffsetPath { get; init; }

    // offset and cursor
    /// <summary>offset and cursor: path to a boolean; false stops the run. Default null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? HasMorePath { get; init; }

    // cursor
    /// <summary>cursor (required): path to the next cursor (may use <c>$last_item.</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CursorPath { get; init; }
    /// <summary>cursor (required): where the cursor goes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? CursorParam { get; init; }

    // next_link
    /// <summary>next_link: path to the next URL. Null: <see cref="RunnerDefaults.NextLinkPaths"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NextLinkPath { get; init; }

    // script
    /// <summary>script (required): the paging script (CONTRACT §1.1), at most 65,536 characters.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Script { get; init; }
}

/// <summary>The pagination style names.</summary>
public static class PaginationStyles
{
    public const string None = "none";
    public const string PageNumber = "page_number";
    public const string Offset = "offset";
    public const string Cursor = "cursor";
    public const string NextLink = "next_link";
    public const string LinkHeader = "link_header";
    public const string Script = "script";

    public static readonly IReadOnlyList<string> All = [None, PageNumber, Offset, Cursor, NextLink, LinkHeader, Script];
}
