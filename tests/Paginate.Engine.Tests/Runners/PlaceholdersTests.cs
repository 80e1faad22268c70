using System.Text;
using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

public sealed class PlaceholdersTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static Dictionary<string, string> Values(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Find_ReturnsDistinctNamesOfUrlThenBody_InOrder()
    {
        var request = new RequestSpec
        {
            Method = "POST",
            Url = "https://api.example.com/v1/{{account}}/search?q={{query}}&k={{ account }}",
            Body = Json("""{ "{{key_not_expanded}}": "{{email}}", "nested": [ "a {{query}} b", { "x": "{{_last9}}" } ], "n": 1 }"""),
        };

        Assert.Equal(["account", "query", "email", "_last9"], Placeholders.Find(request));
    }

    [Fact]
    public void Find_NoPlaceholders_IsEmpty() =>
        Assert.Empty(Placeholders.Find(new RequestSpec { Url = "https://api.example.com/v1/items?limit=10" }));

    [Theory]
    [InlineData("{{a}}", "a")]
    [InlineData("{{_}}", "_")]
    [InlineData("{{ spaced }}", "spaced")]
    [InlineData("{{A1_b2}}", "A1_b2")]
    public void Find_AcceptsValidNames(string text, string name) => Assert.Equal([name], Placeholders.Find(text));

    [Theory]
    [InlineData("{{ bad-name }}")]
    [InlineData("{{1abc}}")]
    [InlineData("{{}}")]
    [InlineData("{{a b}}")]
    [InlineData("{{é}}")]
    public void InvalidNames_AreNotPlaceholdersAndAreReported(string text)
    {
        Assert.Empty(Placeholders.Find(text));
        var invalid = Assert.Single(Placeholders.FindInvalid("x=" + text));
        Assert.Equal(text, invalid.Text);
        Assert.Equal(2, invalid.Position);
    }

    [Fact]
    public void NameLongerThan64_IsInvalid()
    {
        var ok = "{{" + new string('a', 64) + "}}";
        var tooLong = "{{" + new string('a', 65) + "}}";
        Assert.Single(Placeholders.Find(ok));
        Assert.Empty(Placeholders.FindInvalid(ok));
        Assert.Empty(Placeholders.Find(tooLong));
        Assert.Single(Placeholders.FindInvalid(tooLong));
    }

    [Fact]
    public void FindInvalid_IgnoresLoneBraces() =>
        Assert.Empty(Placeholders.FindInvalid("query { user { id } } {{ unclosed"));

    [Theory]
    [InlineData("a&b=c", "a%26b%3Dc")]
    [InlineData("x/../y", "x%2F..%2Fy")]
    [InlineData("two words", "two%20words")]
    [InlineData("q\"uote'", "q%22uote%27")]
    [InlineData("café ☕", "caf%C3%A9%20%E2%98%95")]
    [InlineData("{{other}}", "%7B%7Bother%7D%7D")]
    [InlineData("?#+%", "%3F%23%2B%25")]
    [InlineData("o.k-_~", "o.k-_~")]
    public void ExpandUrl_EncodesValuesInPathAndQuery(string value, string encoded)
    {
        var url = Placeholders.ExpandUrl(
            "https://api.example.com/users/{{v}}/items?filter={{v}}&other={{ v }}",
            Values(("v", value), ("other", "must-not-be-used")));

        Assert.Equal($"https://api.example.com/users/{encoded}/items?filter={encoded}&other={encoded}", url);
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri));
        Assert.Equal("api.example.com", uri.Host);
    }

    [Fact]
    public void ExpandUrl_WithoutPlaceholders_ReturnsTemplate()
    {
        const string url = "https://api.example.com/x?a=1";
        Assert.Same(url, Placeholders.ExpandUrl(url, Values()));
    }

    [Fact]
    public void ExpandUrl_MissingValue_ThrowsWithNameOnly()
    {
        const string canary = "canary-secret-5c1d";
        var ex = Assert.Throws<MissingPlaceholderException>(() =>
            Placeholders.ExpandUrl("https://api.example.com/{{key}}/{{email}}", Values(("key", canary))));

        Assert.Equal("email", ex.Name);
        Assert.Contains("'email'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public void ExpandUrl_DotSegmentValueInPath_ThrowsWithNameOnly(string value)
    {
        var ex = Assert.Throws<InvalidPlaceholderValueException>(() =>
            Placeholders.ExpandUrl("https://api.example.com/users/{{id}}/items?q={{q}}", Values(("id", value), ("q", "x"))));
        Assert.Equal("id", ex.Name);
        Assert.IsAssignableFrom<PlaceholderException>(ex);
    }

    [Fact]
    public void ExpandUrl_DotSegmentFromTwoValues_IsCaught() =>
        Assert.Equal("b", Assert.Throws<InvalidPlaceholderValueException>(() =>
            Placeholders.ExpandUrl("https://api.example.com/users/{{a}}{{b}}/items", Values(("a", ""), ("b", "..")))).Name);

    [Theory]
    [InlineData("https://api.example.com/users/{{id}}/items?q={{q}}", "a..b", "..")]
    [InlineData("https://api.example.com/users/x{{id}}/items?q={{q}}", "..", "..")]
    [InlineData("https://api.example.com/users/{{id}}/items?q={{q}}", "../..", ".")]
    public void ExpandUrl_DotsThatAreNotWholePathSegments_AreFine(string template, string id, string q)
    {
        var url = Placeholders.ExpandUrl(template, Values(("id", id), ("q", q)));
        Assert.Contains("/items?q=", new Uri(url).PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/users/", new Uri(url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandUrl_TemplateDotSegments_AreTheAuthorsChoice() =>
        Assert.Equal("https://api.example.com/a/../b/v", Placeholders.ExpandUrl("https://api.example.com/a/../b/{{x}}", Values(("x", "v"))));

    [Fact]
    public void ExpandBody_ReplacesInsideStringsAndEscapesJson()
    {
        var body = Json("""{ "query": "name = {{name}} and city = {{city}}", "limit": 10, "flag": true, "none": null }""");
        var bytes = Placeholders.ExpandBody(body, Values(("name", "O\"Brien \\ {{x}}"), ("city", "Zürich\n")));

        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal("name = O\"Brien \\ {{x}} and city = Zürich\n", doc.RootElement.GetProperty("query").GetString());
        Assert.Equal(10, doc.RootElement.GetProperty("limit").GetInt32());
        Assert.True(doc.RootElement.GetProperty("flag").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("none").ValueKind);
        Assert.Contains("Zürich", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandBody_ExactPlaceholderString_BecomesTheValueAsString()
    {
        var body = Json("""{ "variables": { "after": null, "id": "{{id}}", "spaced": "{{ id }}" }, "list": ["{{id}}", 2] }""");
        var bytes = Placeholders.ExpandBody(body, Values(("id", "12345")));

        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal("12345", doc.RootElement.GetProperty("variables").GetProperty("id").GetString());
        Assert.Equal("12345", doc.RootElement.GetProperty("variables").GetProperty("spaced").GetString());
        Assert.Equal("12345", doc.RootElement.GetProperty("list")[0].GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("variables").GetProperty("after").ValueKind);
    }

    [Fact]
    public void ExpandBody_KeysAreNotExpanded()
    {
        var body = Json("""{ "{{id}}": "{{id}}" }""");
        var bytes = Placeholders.ExpandBody(body, Values(("id", "v")));
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal("v", doc.RootElement.GetProperty("{{id}}").GetString());
    }

    [Fact]
    public void ExpandBody_ArrayBody_IsKept()
    {
        var bytes = Placeholders.ExpandBody(Json("""[ { "q": "{{q}}" }, 1.5e3 ]"""), Values(("q", "a&b")));
        Assert.Equal("""[{"q":"a&b"},1.5e3]""", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void ExpandBody_MissingValue_ThrowsWithNameOnly()
    {
        var ex = Assert.Throws<MissingPlaceholderException>(() =>
            Placeholders.ExpandBody(Json("""{ "a": "{{present}}", "b": "{{absent}}" }"""), Values(("present", "canary-4471"))));
        Assert.Equal("absent", ex.Name);
        Assert.DoesNotContain("canary-4471", ex.ToString(), StringComparison.Ordinal);
    }
}
