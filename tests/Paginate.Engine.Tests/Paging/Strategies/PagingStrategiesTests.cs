using Paginate.Engine.Runners;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Tests.Paging.Strategies;

public sealed class PagingStrategiesTests
{
    private static (bool Ok, IPagingStrategy? Strategy, IReadOnlyDictionary<string, string[]> Errors) Create(PaginationSpec spec)
    {
        var errors = new FieldErrors();
        var ok = PagingStrategies.TryCreate(spec, errors, out var strategy);
        return (ok, strategy, errors.ToDictionary());
    }

    [Theory]
    [InlineData(PaginationStyles.None)]
    [InlineData(PaginationStyles.PageNumber)]
    [InlineData(PaginationStyles.Offset)]
    [InlineData(PaginationStyles.NextLink)]
    [InlineData(PaginationStyles.LinkHeader)]
    public void TryCreate_StyleWithDefaults_BuildsStrategyNamedAfterIt(string style)
    {
        var (ok, strategy, errors) = Create(new PaginationSpec { Style = style });
        Assert.True(ok, string.Join("; ", errors.SelectMany(e => e.Value)));
        Assert.Equal(style, strategy!.Name);
    }

    [Fact]
    public void TryCreate_CursorWithBadPaths_ReportsEachKeyedByField()
    {
        var (ok, _, errors) = Create(new PaginationSpec
        {
            Style = PaginationStyles.Cursor, CursorPath = "data[", CursorParam = ParamPlacement.Query("after"), HasMorePath = "a..b",
        });
        Assert.False(ok);
        Assert.Contains("pagination.cursor_path", errors.Keys);
        Assert.Contains("pagination.has_more_path", errors.Keys);
        Assert.Contains("data[", errors["pagination.cursor_path"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_CursorWithoutParam_IsRejected()
    {
        var (ok, _, errors) = Create(new PaginationSpec { Style = PaginationStyles.Cursor, CursorPath = "next" });
        Assert.False(ok);
        Assert.Contains("pagination.cursor_param", errors.Keys);
    }

    [Fact]
    public void TryCreate_Script_CompilesOrReportsPosition()
    {
        Assert.True(Create(new PaginationSpec { Style = PaginationStyles.Script, Script = "@pager.stop(true);" }).Ok);
        var (ok, _, errors) = Create(new PaginationSpec { Style = PaginationStyles.Script, Script = "@pager.stop(true)" });
        Assert.False(ok);
        Assert.Equal(["line 1, column 18: expected ';' after the statement, found end of script"], errors["pagination.script"]);
    }

    [Fact]
    public void TryCreate_UnknownStyle_IsRejected() => Assert.Contains("pagination.style", Create(new PaginationSpec { Style = "scroll" }).Errors.Keys);
}
