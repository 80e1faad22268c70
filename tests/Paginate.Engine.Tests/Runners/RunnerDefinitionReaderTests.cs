using System.Text;
using System.Text.Json;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

public sealed class RunnerDefinitionReaderTests
{
    private static IReadOnlyDictionary<string, string[]> ReadErrors(string json)
    {
        Assert.False(RunnerDefinitionReader.TryRead(json, out var definition, out var errors));
        Assert.Null(definition);
        return errors;
    }

    [Fact]
    public void ContractExample_ReadsIntoTheModel()
    {
        Assert.True(RunnerDefinitionReader.TryRead(Encoding.UTF8.GetBytes(RunnerSamples.StripeJson), out var definition, out var errors));
        Assert.Empty(errors);
        Assert.Equal("Stripe customers", definition.Name);
        Assert.Equal("All customers for a Clay lookup", definition.Description);
        Assert.Equal("https://api.stripe.com/v1/customers?limit=100&email={{email}}", definition.Request.Url);
        Assert.Equal(["Authorization"], definition.Request.ForwardHeaders);
        Assert.Equal("2024-06-20", definition.Request.StaticHeaders["Stripe-Version"]);
        Assert.Null(definition.Request.Body);
        Assert.Equal(PaginationStyles.Cursor, definition.Pagination.Style);
        Assert.Equal(new ParamPlacement { In = "query", Name = "starting_after" }, definition.Pagination.CursorParam);
        Assert.Equal("data", definition.Response.ItemsPath);
        Assert.Equal(["id:id", "email:email", "city:address.city"], definition.Shape.Fields);
        Assert.Equal(new LimitsSpec(), definition.Limits);
        Assert.Empty(RunnerCompiler.Validate(definition));
    }

    [Fact]
    public void MissingSections_TakeDefaults()
    {
        Assert.True(RunnerDefinitionReader.TryRead("""{ "name": "n", "request": { "url": "https://api.example.com/x" } }""", out var definition, out _));
        Assert.Equal("GET", definition.Request.Method);
        Assert.Equal(PaginationStyles.None, definition.Pagination.Style);
        Assert.Equal(ShapeModes.Full, definition.Shape.Mode);
        Assert.Equal(50, definition.Limits.MaxPages);
    }

    [Fact]
    public void BodyTemplate_IsKeptAsJson()
    {
        Assert.True(RunnerDefinitionReader.TryRead(
            """{ "name": "n", "request": { "method": "POST", "url": "https://api.example.com/x", "body": { "variables": { "after": null, "q": "{{q}}" } } } }""",
            out var definition, out _));
        Assert.Equal("{{q}}", definition.Request.Body!.Value.GetProperty("variables").GetProperty("q").GetString());
    }

    [Fact]
    public void UnknownFields_AreAllReportedWithTheirPaths()
    {
        var errors = ReadErrors("""
            { "name": "n", "colour": "red",
              "request": { "url": "https://x.example", "headers": {} },
              "pagination": { "style": "cursor", "cursor_param": { "in": "query", "name": "a", "where": 1 } } }
            """);

        Assert.Equal(new[] { "colour", "pagination.cursor_param.where", "request.headers" }, errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("unknown field 'colour'; allowed: name, description, request, pagination, response, shape, limits", errors["colour"][0], StringComparison.Ordinal);
        Assert.StartsWith("unknown field 'headers' in request; allowed: method, url, forward_headers, static_headers, body", errors["request.headers"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypes_AreAllReportedWithWhatWasExpected()
    {
        var errors = ReadErrors("""
            { "name": 5,
              "request": { "url": "https://x.example", "forward_headers": "Authorization", "static_headers": { "X-A": 1 } },
              "pagination": { "style": "page_number", "start_page": "1", "page_param": "page" },
              "shape": { "fields": ["a:a", 7] },
              "limits": { "max_pages": 2.5, "stop_on_empty_page": "yes", "max_items": 3000000000, "max_retries": null } }
            """);

        Assert.Equal("name must be a string, not a number", Assert.Single(errors["name"]));
        Assert.Equal("request.forward_headers must be an array, not a string", Assert.Single(errors["request.forward_headers"]));
        Assert.Equal("request.static_headers.X-A must be a string, not a number", Assert.Single(errors["request.static_headers.X-A"]));
        Assert.Equal("pagination.start_page must be a whole number (32-bit), not a string", Assert.Single(errors["pagination.start_page"]));
        Assert.Equal("pagination.page_param must be an object, not a string", Assert.Single(errors["pagination.page_param"]));
        Assert.Equal("shape.fields[1] must be a string, not a number", Assert.Single(errors["shape.fields[1]"]));
        Assert.Equal("limits.max_pages must be a whole number (32-bit); 2.5 is not", Assert.Single(errors["limits.max_pages"]));
        Assert.Equal("limits.stop_on_empty_page must be true or false, not a string", Assert.Single(errors["limits.stop_on_empty_page"]));
        Assert.Equal("limits.max_items must be a whole number (32-bit); 3000000000 is not", Assert.Single(errors["limits.max_items"]));
        Assert.Equal("limits.max_retries must be a whole number (32-bit), not null", Assert.Single(errors["limits.max_retries"]));
        Assert.Equal(10, errors.Count);
    }

    [Fact]
    public void DuplicateKey_IsRejected()
    {
        var errors = ReadErrors("""{ "name": "a", "request": { "url": "https://x.example", "url": "https://y.example" } }""");
        Assert.Equal("request.url appears more than once; keep one", Assert.Single(errors["request.url"]));
    }

    [Theory]
    [InlineData("{ \"name\": ")]
    [InlineData("not json")]
    [InlineData("")]
    public void InvalidJson_IsADocumentError(string json)
    {
        var errors = ReadErrors(json);
        Assert.StartsWith("the runner definition is not valid JSON", Assert.Single(errors[RunnerDefinitionReader.DocumentKey]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "not an array")]
    [InlineData("null", "not null")]
    [InlineData("\"x\"", "not a string")]
    public void NotAnObject_IsADocumentError(string json, string fragment) =>
        Assert.EndsWith(fragment, Assert.Single(ReadErrors(json)[RunnerDefinitionReader.DocumentKey]), StringComparison.Ordinal);

    [Fact]
    public void NullSections_ReadAndThenFailValidation()
    {
        Assert.True(RunnerDefinitionReader.TryRead("""{ "name": "n", "request": { "url": "https://x.example/a" }, "limits": null, "description": null }""", out var definition, out _));
        Assert.Equal(new[] { "limits" }, RunnerCompiler.Validate(definition).Keys);
    }

    [Fact]
    public void NestedElement_IsRead()
    {
        using var doc = JsonDocument.Parse($$"""{ "config": {{RunnerSamples.StripeJson}}, "max_pages": 2 }""");
        Assert.True(RunnerDefinitionReader.TryRead(doc.RootElement.GetProperty("config"), out var definition, out _));
        Assert.Equal("Stripe customers", definition.Name);
    }

    [Fact]
    public void Errors_DoNotEchoHeaderValues()
    {
        var errors = ReadErrors("""{ "name": "n", "request": { "url": "https://x.example", "static_headers": { "X-A": ["canary-secret-19b2"] } } }""");
        Assert.DoesNotContain(errors.Values.SelectMany(m => m), m => m.Contains("canary-secret-19b2", StringComparison.Ordinal));
    }
}
