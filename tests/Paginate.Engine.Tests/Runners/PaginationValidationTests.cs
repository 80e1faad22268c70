using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

public sealed class PaginationValidationTests
{
    private static RunnerDefinition Cursor(Func<PaginationSpec, PaginationSpec> change)
    {
        var definition = RunnerSamples.Stripe();
        return definition with { Pagination = change(definition.Pagination) };
    }

    private static RunnerDefinition Paged(PaginationSpec spec, LimitsSpec? limits = null) =>
        RunnerSamples.PageNumber(spec) with { Limits = limits ?? new LimitsSpec() };

    [Fact]
    public void Style_Unknown_ListsTheStyles() =>
        OnlyError(Cursor(p => new PaginationSpec { Style = "pages" }), "pagination.style",
            "unknown style 'pages'; use one of: none, page_number, offset, cursor, next_link, link_header, script");

    [Fact]
    public void Style_Null_IsRejected() =>
        OnlyError(Cursor(p => new PaginationSpec { Style = null! }), "pagination.style", "pagination.style must be one of: none, page_number");

    [Fact]
    public void Style_Default_IsNone() =>
        Valid(RunnerSamples.Stripe() with { Pagination = new PaginationSpec() });

    [Fact]
    public void KeyOfOtherStyle_IsRejected() =>
        OnlyError(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber, CursorPath = "next" }), "pagination.cursor_path",
            "pagination.cursor_path does not apply to style page_number (it is a key of style cursor); remove it");

    [Fact]
    public void KeysOfOtherStyles_AreEachReported()
    {
        var spec = new PaginationSpec
        {
            Style = PaginationStyles.None,
            PageParam = ParamPlacement.Query("p"),
            Limit = 10,
            HasMorePath = "more",
            NextLinkPath = "next",
            Script = "@pager.stop(true);",
        };

        var errors = Errors(RunnerSamples.PageNumber(spec));
        Assert.Equal(
            new[] { "pagination.has_more_path", "pagination.limit", "pagination.next_link_path", "pagination.page_param", "pagination.script" },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("(it is a key of style offset and cursor)", errors["pagination.has_more_path"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Cursor_RequiresPathAndParam()
    {
        var errors = Errors(Cursor(_ => new PaginationSpec { Style = PaginationStyles.Cursor }));
        Assert.Equal(new[] { "pagination.cursor_param", "pagination.cursor_path" }, errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("pagination.cursor_path is required for style cursor", errors["pagination.cursor_path"][0], StringComparison.Ordinal);
        Assert.Contains("pagination.cursor_param is required for style cursor", errors["pagination.cursor_param"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Script_RequiresScript() =>
        OnlyError(Cursor(_ => new PaginationSpec { Style = PaginationStyles.Script, Script = "  " }), "pagination.script",
            "pagination.script is required for style script");

    [Fact]
    public void Script_TooLong_IsRejected() =>
        OnlyError(Cursor(_ => new PaginationSpec { Style = PaginationStyles.Script, Script = new string('x', 65_537) }), "pagination.script",
            "pagination.script is 65,537 characters long; at most 65,536 allowed");

    [Fact]
    public void Placement_UnknownIn_IsRejected() =>
        OnlyError(Cursor(p => p with { CursorParam = new ParamPlacement { In = "path", Name = "after" } }), "pagination.cursor_param.in",
            "pagination.cursor_param.in 'path' is not supported; use one of: query, header, body");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Placement_NameMissing_IsRejected(string? name) =>
        OnlyError(Cursor(p => p with { CursorParam = new ParamPlacement { In = ParamLocations.Query, Name = name } }), "pagination.cursor_param.name",
            "pagination.cursor_param.name is required: the query parameter's name");

    [Fact]
    public void Placement_HeaderName_MustBeAHeaderName()
    {
        OnlyError(Cursor(p => p with { CursorParam = new ParamPlacement { In = ParamLocations.Header, Name = "X Cursor" } }), "pagination.cursor_param.name",
            "'X Cursor' is not a valid header name");
        OnlyError(Cursor(p => p with { CursorParam = new ParamPlacement { In = ParamLocations.Header, Name = "Host" } }), "pagination.cursor_param.name",
            "the gateway owns this header");
        Valid(Cursor(p => p with { CursorParam = new ParamPlacement { In = ParamLocations.Header, Name = "X-Cursor" } }));
    }

    [Fact]
    public void Placement_Body_NeedsPostWithBody() =>
        OnlyError(Cursor(p => p with { CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = "/after" } }), "pagination.cursor_param.in",
            "pagination.cursor_param.in 'body' needs request.method POST and a JSON request.body");

    [Fact]
    public void Placement_Body_NameMustBeAPointer()
    {
        var graphQl = RunnerSamples.GraphQl();
        OnlyError(graphQl with { Pagination = graphQl.Pagination with { CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = "variables.after" } } },
            "pagination.cursor_param.name", "must be a JSON Pointer into the request body starting with '/', e.g. '/variables/after'");
        OnlyError(graphQl with { Pagination = graphQl.Pagination with { CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = "/variables/a~2" } } },
            "pagination.cursor_param.name", "'~' must be followed by 0 or 1");
    }

    [Fact]
    public void Path_Invalid_NamesFieldPathAndPosition() =>
        OnlyError(Cursor(p => p with { CursorPath = "data[x]" }), "pagination.cursor_path",
            "pagination.cursor_path: path 'data[x]': expected an index at position 5");

    [Fact]
    public void Path_Empty_IsRejected() =>
        OnlyError(Cursor(p => p with { HasMorePath = "" }), "pagination.has_more_path", "pagination.has_more_path is empty");

    [Fact]
    public void LastItem_OnlyInCursorAndNextOffsetPaths()
    {
        OnlyError(Cursor(p => p with { HasMorePath = "$last_item.more" }), "pagination.has_more_path",
            "'$last_item' paths are allowed only in cursor_path and next_offset_path");
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, NextOffsetPath = "$last_item.seq" }));
        OnlyError(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, TotalPath = "$last_item.total" }), "pagination.total_path",
            "'$last_item' paths are allowed only");
    }

    [Fact]
    public void PointerPaths_AreAccepted() =>
        Valid(Cursor(p => p with { CursorPath = "/meta/next~1cursor", HasMorePath = "/@odata.more" }));

    [Theory]
    [InlineData(-1, null, null, null, "pagination.start_page", "pagination.start_page is -1; use 0 or more (default 1)")]
    [InlineData(null, 0, null, null, "pagination.page_size", "pagination.page_size is 0; allowed 1..100,000")]
    [InlineData(null, 100_001, null, null, "pagination.page_size", "allowed 1..100,000")]
    public void PageNumber_Numbers_AreChecked(int? startPage, int? pageSize, int? unused1, int? unused2, string key, string fragment)
    {
        _ = (unused1, unused2);
        OnlyError(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber, StartPage = startPage, PageSize = pageSize }), key, fragment);
    }

    [Fact]
    public void PageNumber_StartPageZero_IsAllowed() =>
        Valid(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber, StartPage = 0 }));

    [Fact]
    public void Offset_Numbers_AreChecked()
    {
        OnlyError(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, Limit = 0 }), "pagination.limit",
            "pagination.limit is 0; allowed 1..100,000 (default 100)");
        OnlyError(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, StartOffset = -5 }), "pagination.start_offset",
            "pagination.start_offset is -5; use 0 or more (default 0)");
    }

    [Fact]
    public void PageSizeParam_NeedsPageSize() =>
        OnlyError(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber, PageSizeParam = ParamPlacement.Query("per_page") }), "pagination.page_size",
            "pagination.page_size is required when pagination.page_size_param is set");

    [Fact]
    public void PageNumber_ThatCouldNeverStop_IsRejected() =>
        OnlyError(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber }, new LimitsSpec { StopOnEmptyPage = false }), "pagination",
            "style page_number with limits.stop_on_empty_page false could stop only at limits.max_pages: set pagination.page_size (a short page stops), pagination.total_pages_path (the total stops), or limits.stop_on_empty_page true");

    [Fact]
    public void PageNumber_WithAStop_IsAccepted()
    {
        var noEmptyStop = new LimitsSpec { StopOnEmptyPage = false };
        Valid(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 50 }, noEmptyStop));
        Valid(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber, TotalPagesPath = "meta.total_pages" }, noEmptyStop));
        Valid(Paged(new PaginationSpec { Style = PaginationStyles.PageNumber }));
    }

    [Fact]
    public void EveryStyle_WithItsKeys_IsValid()
    {
        Valid(RunnerSamples.PageNumber(new PaginationSpec
        {
            Style = PaginationStyles.PageNumber, PageParam = new ParamPlacement { In = ParamLocations.Header, Name = "X-Page" }, StartPage = 0,
            PageSize = 25, PageSizeParam = ParamPlacement.Query("per_page"), TotalPagesPath = "meta.pages", CurrentPagePath = "meta.page",
        }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec
        {
            Style = PaginationStyles.Offset, OffsetParam = ParamPlacement.Query("skip"), LimitParam = ParamPlacement.Query("take"), Limit = 50,
            StartOffset = 10, TotalPath = "total", NextOffsetPath = "next_offset", HasMorePath = "more",
        }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = "/@odata.nextLink" }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.NextLink }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.LinkHeader }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Script, Script = "@pager.stop(true);" }));
    }

    [Fact]
    public void Body_PlacementOnGraphQl_IsValid() => Valid(RunnerSamples.GraphQl());

    [Fact]
    public void Body_PlacementWithoutBody_IsRejected()
    {
        var graphQl = RunnerSamples.GraphQl();
        OnlyError(graphQl with { Request = graphQl.Request with { Body = JsonDocument.Parse("null").RootElement.Clone() } },
            "pagination.cursor_param.in", "needs request.method POST and a JSON request.body");
    }
}
