using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

public sealed class RunnerDefaultsTests
{
    [Fact]
    public void PageNumber_FillsPageParamAndStartPage()
    {
        var spec = RunnerDefaults.NormalizePagination(new PaginationSpec { Style = PaginationStyles.PageNumber });
        Assert.Equal(ParamPlacement.Query("page"), spec.PageParam);
        Assert.Equal(1, spec.StartPage);
        Assert.Null(spec.PageSize);
        Assert.Null(spec.PageSizeParam);
        Assert.Null(spec.TotalPagesPath);
        Assert.Null(spec.CurrentPagePath);
    }

    [Fact]
    public void PageNumber_KeepsWhatIsSet()
    {
        var header = new ParamPlacement { In = ParamLocations.Header, Name = "X-Page" };
        var spec = RunnerDefaults.NormalizePagination(new PaginationSpec
        {
            Style = PaginationStyles.PageNumber, PageParam = header, StartPage = 0, PageSize = 20,
            PageSizeParam = ParamPlacement.Query("per_page"), TotalPagesPath = "meta.pages", CurrentPagePath = "meta.page",
        });
        Assert.Equal(header, spec.PageParam);
        Assert.Equal(0, spec.StartPage);
        Assert.Equal(20, spec.PageSize);
        Assert.Equal("per_page", spec.PageSizeParam!.Name);
        Assert.Equal("meta.pages", spec.TotalPagesPath);
        Assert.Equal("meta.page", spec.CurrentPagePath);
    }

    [Fact]
    public void Offset_FillsParamsLimitAndStart()
    {
        var spec = RunnerDefaults.NormalizePagination(new PaginationSpec { Style = PaginationStyles.Offset });
        Assert.Equal(ParamPlacement.Query("offset"), spec.OffsetParam);
        Assert.Equal(ParamPlacement.Query("limit"), spec.LimitParam);
        Assert.Equal(100, spec.Limit);
        Assert.Equal(0, spec.StartOffset);
        Assert.Null(spec.TotalPath);
        Assert.Null(spec.NextOffsetPath);
        Assert.Null(spec.HasMorePath);
    }

    [Fact]
    public void NextLink_WithoutPath_StaysNullForTheFallbackList()
    {
        var spec = RunnerDefaults.NormalizePagination(new PaginationSpec { Style = PaginationStyles.NextLink });
        Assert.Null(spec.NextLinkPath);
        Assert.Equal(["links.next", "next", "paging.next.link"], RunnerDefaults.NextLinkPaths);
    }

    [Fact]
    public void OtherStylesKeys_AreDropped()
    {
        var spec = RunnerDefaults.NormalizePagination(new PaginationSpec
        {
            Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = ParamPlacement.Query("after"), HasMorePath = "more",
            PageParam = ParamPlacement.Query("p"), Limit = 5, NextLinkPath = "x", Script = "s;",
        });

        Assert.Equal(
            new PaginationSpec { Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = ParamPlacement.Query("after"), HasMorePath = "more" },
            spec);
        Assert.Equal(new PaginationSpec { Style = PaginationStyles.LinkHeader }, RunnerDefaults.NormalizePagination(new PaginationSpec { Style = PaginationStyles.LinkHeader, Limit = 3 }));
        Assert.Equal(new PaginationSpec(), RunnerDefaults.NormalizePagination(new PaginationSpec { PageSize = 3 }));
    }

    [Fact]
    public void Normalize_FillsItemsPathAndDropsFieldsOutsideSelect()
    {
        var definition = RunnerSamples.PageNumber() with
        {
            Response = new ResponseSpec(),
            Shape = new ShapeSpec { Mode = ShapeModes.Full, Fields = [] },
        };

        var normalized = RunnerDefaults.Normalize(definition);

        Assert.Equal(string.Empty, normalized.Response.ItemsPath);
        Assert.Null(normalized.Shape.Fields);
        Assert.Equal(ParamPlacement.Query("page"), normalized.Pagination.PageParam);
        Assert.Equal(1, normalized.Pagination.StartPage);
        Assert.Equal(definition.Limits, normalized.Limits);
        Assert.Equal(definition.Request.Url, normalized.Request.Url);
    }

    [Fact]
    public void Normalize_StaticHeaders_LookupIgnoresCase()
    {
        var normalized = RunnerDefaults.Normalize(RunnerSamples.Stripe());
        Assert.Equal("2024-06-20", normalized.Request.StaticHeaders["stripe-version"]);
        Assert.Equal(["id:id", "email:email", "city:address.city"], normalized.Shape.Fields);
    }
}
