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
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? PageParam { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? StartPage { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? PageSize { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? PageSizeParam { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TotalPagesPath { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CurrentPagePath { get; init; }

    // offset
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? OffsetParam { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? LimitParam { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Limit { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? StartOffset { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TotalPath { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NextOffsetPath { get; init; }

    // offset and cursor
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? HasMorePath { get; init; }

    // cursor
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CursorPath { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ParamPlacement? CursorParam { get; init; }

    // next_link
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NextLinkPath { get; init; }

    // script
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
