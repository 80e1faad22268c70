using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

public sealed class ShapeLimitsValidationTests
{
    private static RunnerDefinition Fields(params string[] fields) =>
        RunnerSamples.Stripe() with { Shape = new ShapeSpec { Mode = ShapeModes.Select, Fields = fields } };

    private static RunnerDefinition Limits(LimitsSpec limits) => RunnerSamples.Stripe() with { Limits = limits };

    [Fact]
    public void ItemsPath_Invalid_NamesPosition() =>
        OnlyError(RunnerSamples.Stripe() with { Response = new ResponseSpec { ItemsPath = "data[0" } }, "response.items_path",
            "response.items_path: path 'data[0': expected ']' at position 6");

    [Fact]
    public void ItemsPath_LastItem_IsRejected() =>
        OnlyError(RunnerSamples.Stripe() with { Response = new ResponseSpec { ItemsPath = "$last_item.children" } }, "response.items_path",
            "cannot use '$last_item': items are read from the page body");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/data/items")]
    [InlineData("results[0].rows")]
    public void ItemsPath_Forms_AreValid(string? itemsPath) =>
        Valid(RunnerSamples.Stripe() with { Response = new ResponseSpec { ItemsPath = itemsPath } });

    [Fact]
    public void Mode_Unknown_ListsTheModes() =>
        OnlyError(RunnerSamples.Stripe() with { Shape = new ShapeSpec { Mode = "flat" } }, "shape.mode",
            "unknown shape.mode 'flat'; use one of: full, flatten_jsonapi, select");

    [Theory]
    [InlineData(ShapeModes.Full)]
    [InlineData(ShapeModes.FlattenJsonApi)]
    public void Fields_ForOtherModes_AreRejected(string mode) =>
        OnlyError(RunnerSamples.Stripe() with { Shape = new ShapeSpec { Mode = mode, Fields = ["id:id"] } }, "shape.fields",
            $"shape.fields applies only to mode select (mode is {mode})");

    [Fact]
    public void Select_WithoutFields_IsRejected()
    {
        OnlyError(RunnerSamples.Stripe() with { Shape = new ShapeSpec { Mode = ShapeModes.Select } }, "shape.fields",
            "shape.fields is required for mode select: 1 to 200 'output_name:path' lines");
        OnlyError(Fields(), "shape.fields", "shape.fields is required for mode select");
    }

    [Fact]
    public void Select_TooManyFields_IsRejected()
    {
        Valid(Fields([.. Enumerable.Range(0, 200).Select(i => $"f{i}:a.b")]));
        OnlyError(Fields([.. Enumerable.Range(0, 201).Select(i => $"f{i}:a.b")]), "shape.fields", "shape.fields has 201 lines; at most 200 allowed");
    }

    [Theory]
    [InlineData("email", "shape.fields[1] 'email' has no ':'; write 'output_name:path'")]
    [InlineData(":email", "shape.fields[1] ':email' has an empty output name")]
    [InlineData("email:", "shape.fields[1] 'email:' has an empty path")]
    [InlineData("  ", "shape.fields[1] is empty; write 'output_name:path'")]
    [InlineData("email:data[x]", "path 'data[x]': expected an index at position 5")]
    [InlineData("cursor:$last_item.id", "select paths are read from each item")]
    public void Select_BadField_IsReportedAtItsIndex(string field, string fragment) =>
        OnlyError(Fields("id:id", field), "shape.fields[1]", fragment);

    [Fact]
    public void Select_DuplicateOutputName_NamesTheFirstUse() =>
        OnlyError(Fields("id:id", "email:email", "id:attributes.id"), "shape.fields[2]",
            "shape.fields[2]: output name 'id' is already used by shape.fields[0]; output names must be unique");

    [Fact]
    public void Select_PointerAndIndexPaths_AreValid() =>
        Valid(Fields("id:id", "next:/links/self~1next", "first_tag:tags[0]", "last_tag: tags[-1] ", "odd name:attributes.a"));

    [Theory]
    [InlineData("max_pages", 0, "limits.max_pages is 0; allowed 1..1,000")]
    [InlineData("max_pages", 1001, "allowed 1..1,000")]
    [InlineData("max_items", 0, "limits.max_items is 0; allowed 1..1,000,000")]
    [InlineData("max_items", 1_000_001, "allowed 1..1,000,000")]
    [InlineData("page_delay_ms", -1, "limits.page_delay_ms is -1; allowed 0..60,000")]
    [InlineData("page_delay_ms", 60_001, "allowed 0..60,000")]
    [InlineData("max_retries", 11, "limits.max_retries is 11; allowed 0..10")]
    [InlineData("max_retries", -1, "allowed 0..10")]
    [InlineData("retry_delay_ms", 60_001, "limits.retry_delay_ms is 60001; allowed 0..60,000")]
    [InlineData("page_timeout_ms", 99, "limits.page_timeout_ms is 99; allowed 100..300,000")]
    [InlineData("total_timeout_ms", 900_001, "limits.total_timeout_ms is 900001; allowed 100..900,000")]
    [InlineData("max_concurrency", 0, "limits.max_concurrency is 0; allowed 1..16")]
    [InlineData("max_concurrency", 17, "allowed 1..16")]
    [InlineData("max_pages", 0, "limits.max_pages is 0; allowed 1..1,000 (a safety cap on pages, not the number to fetch; default 50)")]
    [InlineData("page_delay_ms", -1, "limits.page_delay_ms is -1; allowed 0..60,000 (default 0)")]
    [InlineData("max_retries", 11, "limits.max_retries is 11; allowed 0..10 (default 3)")]
    [InlineData("retry_delay_ms", -1, "limits.retry_delay_ms is -1; allowed 0..60,000 (default 1,000)")]
    [InlineData("page_timeout_ms", 99, "limits.page_timeout_ms is 99; allowed 100..300,000 (default 30,000)")]
    [InlineData("total_timeout_ms", 900_001, "limits.total_timeout_ms is 900001; allowed 100..900,000 (default 120,000)")]
    [InlineData("max_concurrency", 17, "limits.max_concurrency is 17; allowed 1..16 (default 1)")]
    public void Limits_OutOfRange_NameFieldValueAndRange(string key, int value, string fragment)
    {
        var limits = key switch
        {
            "max_pages" => new LimitsSpec { MaxPages = value },
            "max_items" => new LimitsSpec { MaxItems = value },
            "page_delay_ms" => new LimitsSpec { PageDelayMs = value },
            "max_retries" => new LimitsSpec { MaxRetries = value },
            "retry_delay_ms" => new LimitsSpec { RetryDelayMs = value },
            "page_timeout_ms" => new LimitsSpec { PageTimeoutMs = value },
            "total_timeout_ms" => new LimitsSpec { TotalTimeoutMs = value },
            "max_concurrency" => new LimitsSpec { MaxConcurrency = value },
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };

        var definition = key == "max_concurrency"
            ? RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, TotalPagesPath = "pages" }) with { Limits = limits }
            : Limits(limits);
        OnlyError(definition, $"limits.{key}", fragment);
    }

    [Fact]
    public void Limits_Boundaries_AreAccepted()
    {
        Valid(Limits(new LimitsSpec { MaxPages = 1, MaxItems = 1, PageDelayMs = 0, MaxRetries = 0, RetryDelayMs = 0, PageTimeoutMs = 100, TotalTimeoutMs = 100 }));
        Valid(Limits(new LimitsSpec { MaxPages = 1000, MaxItems = 1_000_000, PageDelayMs = 60_000, MaxRetries = 10, RetryDelayMs = 60_000, PageTimeoutMs = 300_000, TotalTimeoutMs = 900_000 }));
    }

    [Fact]
    public void Limits_PageTimeoutLongerThanTotal_IsRejected() =>
        OnlyError(Limits(new LimitsSpec { PageTimeoutMs = 60_000, TotalTimeoutMs = 30_000 }), "limits.page_timeout_ms",
            "limits.page_timeout_ms (60,000) is longer than limits.total_timeout_ms (30,000)");

    [Fact]
    public void Limits_Null_IsRejected() =>
        OnlyError(RunnerSamples.Stripe() with { Limits = null! }, "limits", "limits must be an object");

    [Theory]
    [InlineData(PaginationStyles.Cursor)]
    [InlineData(PaginationStyles.NextLink)]
    [InlineData(PaginationStyles.LinkHeader)]
    [InlineData(PaginationStyles.None)]
    public void MaxConcurrency_ForSequentialStyles_IsRejected(string style)
    {
        var definition = style == PaginationStyles.Cursor ? RunnerSamples.Stripe() : RunnerSamples.PageNumber(new PaginationSpec { Style = style });
        OnlyError(definition with { Limits = new LimitsSpec { MaxConcurrency = 4 } }, "limits.max_concurrency",
            $"limits.max_concurrency 4 applies only to styles page_number and offset (style {style} learns each next page from the one before); use 1");
    }

    [Fact]
    public void MaxConcurrency_WithOrWithoutTheTotal_IsValid_ForRangeStyles()
    {
        // Contract v2: without a total the pages are requested ahead (CONTRACT §1, max_concurrency).
        var concurrent = new LimitsSpec { MaxConcurrency = 4 };
        Valid(RunnerSamples.PageNumber() with { Limits = concurrent });
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset }) with { Limits = concurrent });
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.PageNumber, TotalPagesPath = "meta.pages" }) with { Limits = concurrent });
        Valid(RunnerSamples.PageNumber(new PaginationSpec { Style = PaginationStyles.Offset, TotalPath = "meta.total" }) with { Limits = concurrent });
    }

    [Fact]
    public void BadDefinition_ReportsEveryErrorAtOnce()
    {
        var definition = new RunnerDefinition
        {
            Name = "",
            Request = new RequestSpec
            {
                Method = "PATCH",
                Url = "http://{{host}}/x",
                ForwardHeaders = ["Host", "Authorization", "authorization"],
                StaticHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer canary-token-81ac" },
            },
            Pagination = new PaginationSpec { Style = PaginationStyles.Cursor, CursorPath = "a..b", Limit = 5 },
            Response = new ResponseSpec { ItemsPath = "$last_item" },
            Shape = new ShapeSpec { Mode = ShapeModes.Select, Fields = ["id", "id:id", "id:other"] },
            Limits = new LimitsSpec { MaxPages = 0, MaxConcurrency = 3 },
        };

        var errors = Errors(definition);

        Assert.Equal(
            new[]
            {
                "limits.max_concurrency", "limits.max_pages", "name", "pagination.cursor_param", "pagination.cursor_path", "pagination.limit",
                "request.forward_headers[0]", "request.forward_headers[2]", "request.method", "request.static_headers.Authorization", "request.url",
                "response.items_path", "shape.fields[0]", "shape.fields[2]",
            },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(errors.Values.SelectMany(m => m), m => m.Contains("canary-token-81ac", StringComparison.Ordinal));
    }
}
