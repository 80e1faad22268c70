using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

/// <summary>Two pagination parameters in the same place overwrite each other: refused at validation, naming both.</summary>
public sealed class ParameterClashValidationTests
{
    private static ParamPlacement Header(string name) => new() { In = ParamLocations.Header, Name = name };

    private static ParamPlacement Body(string pointer) => new() { In = ParamLocations.Body, Name = pointer };

    private static RunnerDefinition Post(PaginationSpec spec) => RunnerSamples.PageNumber(spec) with
    {
        Request = new RequestSpec
        {
            Method = "POST",
            Url = "https://api.example.com/v1/search",
            Body = JsonDocument.Parse("""{"input":{"page":1,"size":50}}""").RootElement.Clone(),
        },
    };

    [Fact]
    public void PageAndPageSize_BothOnDefaultQueryPage_AreRefused() =>
        OnlyError(
            RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 50, PageSizeParam = ParamPlacement.Query("page") }),
            "pagination.page_size_param",
            "pagination.page_param (default) and pagination.page_size_param are the same parameter (query 'page'): one would overwrite the other on every request; give them different names");

    [Fact]
    public void OffsetAndLimit_BothOnQueryOffset_AreRefused() =>
        OnlyError(
            RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, LimitParam = ParamPlacement.Query("offset") }),
            "pagination.limit_param",
            "pagination.offset_param (default) and pagination.limit_param are the same parameter (query 'offset')");

    [Fact]
    public void OffsetParam_OnTheDefaultLimitName_IsRefused() =>
        OnlyError(
            RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, OffsetParam = ParamPlacement.Query("limit") }),
            "pagination.limit_param",
            "pagination.offset_param and pagination.limit_param (default) are the same parameter (query 'limit')");

    [Fact]
    public void HeaderNames_DifferingOnlyInCase_AreRefused() =>
        OnlyError(
            RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, PageParam = Header("X-Page"), PageSize = 10, PageSizeParam = Header("x-page") }),
            "pagination.page_size_param",
            "pagination.page_param and pagination.page_size_param are the same parameter (header 'X-Page')");

    [Theory]
    [InlineData("/input/page", "/input/page", "body '/input/page'")]
    [InlineData("/input", "/input/size", "body pointers '/input' and '/input/size' (one inside the other)")]
    [InlineData("/input/size", "/input", "body pointers '/input/size' and '/input' (one inside the other)")]
    public void BodyPointers_EqualOrNested_AreRefused(string offsetPointer, string limitPointer, string where) =>
        OnlyError(
            Post(new PaginationSpec { Style = PaginationStyles.Offset, OffsetParam = Body(offsetPointer), LimitParam = Body(limitPointer) }),
            "pagination.limit_param",
            $"are the same parameter ({where})");

    [Fact]
    public void DifferentPlacesOrNames_AreAccepted()
    {
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 10, PageSizeParam = Header("page") }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 10, PageSizeParam = ParamPlacement.Query("Page") }));
        Valid(Post(new PaginationSpec { Style = PaginationStyles.Offset, OffsetParam = Body("/input/page"), LimitParam = Body("/input/pages") }));
        Valid(Post(new PaginationSpec { Style = PaginationStyles.Offset, OffsetParam = Body("/input/page"), LimitParam = Body("/input/size") }));
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset }));
    }

    [Fact]
    public void PaginationParam_ReplacingAStaticOneInTheUrl_StaysAllowed() =>
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, PageSize = 100, PageSizeParam = ParamPlacement.Query("per_page") }) with
        {
            Request = new RequestSpec { Url = "https://api.example.com/v1/items?page=1&per_page=100&sort=id" },
        });
}
