using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Tests.Json;

public sealed class JsonPathTests
{
    private const string Page = """
        {
          "data": { "items": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ] },
          "links": { "next": "https://api.example.com/x?page=2" },
          "paging": { "next": { "after": "QVFIUm" } },
          "pageInfo": { "endCursor": "Y3Vyc29y", "hasNextPage": true },
          "list": [ 10, 20, 30 ],
          "@odata.nextLink": "https://api.example.com/odata?skip=2",
          "a/b": 1,
          "m~n": 2,
          "": "empty key",
          "with space": "spaced",
          "nested": [ [ 1, 2 ], [ 3, 4 ] ]
        }
        """;

    private static readonly JsonElement s_page = JsonDocument.Parse(Page).RootElement;

    private static JsonElement Get(string path, JsonElement? lastItem = null)
    {
        Assert.True(JsonPath.TryParse(path, out var compiled, out var error), error);
        Assert.True(compiled.TryGet(s_page, lastItem, out var value), $"path '{path}' found nothing");
        return value;
    }

    private static bool Missing(string path, JsonElement? lastItem = null)
    {
        Assert.True(JsonPath.TryParse(path, out var compiled, out var error), error);
        return !compiled.TryGet(s_page, lastItem, out _);
    }

    private static string ParseError(string path)
    {
        Assert.False(JsonPath.TryParse(path, out _, out var error));
        return error;
    }

    [Theory]
    [InlineData("links.next", "https://api.example.com/x?page=2")]
    [InlineData("paging.next.after", "QVFIUm")]
    [InlineData("pageInfo.endCursor", "Y3Vyc29y")]
    [InlineData("data.items[0].id", "a")]
    [InlineData("data.items[1].id", "b")]
    [InlineData("data.items[-1].id", "c")]
    [InlineData("data.items[-3].id", "a")]
    [InlineData("$.links.next", "https://api.example.com/x?page=2")]
    public void DotNotation_FindsStrings(string path, string expected) =>
        Assert.Equal(expected, Get(path).GetString());

    [Fact]
    public void DotNotation_FindsArrayAndNumbers()
    {
        Assert.Equal(JsonValueKind.Array, Get("data.items").ValueKind);
        Assert.Equal(30, Get("list[-1]").GetInt32());
        Assert.Equal(3, Get("nested[1][0]").GetInt32());
        Assert.Equal(4, Get("nested[-1][-1]").GetInt32());
        Assert.True(Get("pageInfo.hasNextPage").GetBoolean());
    }

    [Fact]
    public void LeadingIndex_IndexesTheDocumentArray()
    {
        var array = JsonDocument.Parse("""[ { "id": 1 }, { "id": 2 } ]""").RootElement;
        Assert.True(JsonPath.Parse("[-1].id").TryGet(array, null, out var value));
        Assert.Equal(2, value.GetInt32());
        Assert.True(JsonPath.Parse("$[0].id").TryGet(array, null, out value));
        Assert.Equal(1, value.GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("$")]
    public void EmptyPath_IsTheDocument(string text)
    {
        var path = JsonPath.Parse(text);
        Assert.True(path.IsDocument);
        Assert.False(path.IsLastItem);
        Assert.True(path.TryGet(s_page, null, out var value));
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Same(JsonPath.Document, JsonPath.Parse(""));
    }

    [Theory]
    [InlineData("data.missing")]
    [InlineData("data.items[3].id")]
    [InlineData("data.items[-4].id")]
    [InlineData("data.items.id")]
    [InlineData("links.next.deeper")]
    [InlineData("list[0].x")]
    [InlineData("links[0]")]
    [InlineData("/list/3")]
    [InlineData("/list/-")]
    [InlineData("/list/01")]
    [InlineData("/list/-1")]
    [InlineData("/data/items/0/id/x")]
    public void Missing_ReturnsFalse(string path) => Assert.True(Missing(path));

    [Theory]
    [InlineData("/links/next", "https://api.example.com/x?page=2")]
    [InlineData("/data/items/2/id", "c")]
    [InlineData("/@odata.nextLink", "https://api.example.com/odata?skip=2")]
    [InlineData("/", "empty key")]
    [InlineData("/with space", "spaced")]
    public void JsonPointer_FindsValues(string path, string expected) =>
        Assert.Equal(expected, Get(path).GetString());

    [Fact]
    public void JsonPointer_UnescapesTildeAndSlash()
    {
        Assert.Equal(1, Get("/a~1b").GetInt32());
        Assert.Equal(2, Get("/m~0n").GetInt32());
        Assert.Equal(20, Get("/list/1").GetInt32());
    }

    [Fact]
    public void JsonPointer_ObjectKeysThatLookLikeIndexes_AreKeys()
    {
        var doc = JsonDocument.Parse("""{ "0": "zero", "items": { "1": "one" } }""").RootElement;
        Assert.True(JsonPath.Parse("/0").TryGet(doc, null, out var value));
        Assert.Equal("zero", value.GetString());
        Assert.True(JsonPath.Parse("/items/1").TryGet(doc, null, out value));
        Assert.Equal("one", value.GetString());
    }

    [Fact]
    public void LastItem_EvaluatesOnTheLastItem()
    {
        var lastItem = JsonDocument.Parse("""{ "id": "cus_9", "meta": { "cursor": "c9" }, "tags": ["x", "y"] }""").RootElement;
        var path = JsonPath.Parse("$last_item.id");
        Assert.True(path.IsLastItem);
        Assert.False(path.IsDocument);
        Assert.Equal("cus_9", Get("$last_item.id", lastItem).GetString());
        Assert.Equal("c9", Get("$last_item.meta.cursor", lastItem).GetString());
        Assert.Equal("y", Get("$last_item.tags[-1]", lastItem).GetString());
        Assert.Equal("c9", Get("$last_item./meta/cursor", lastItem).GetString());
        Assert.Equal("cus_9", Get("$last_item", lastItem).GetProperty("id").GetString());
    }

    [Fact]
    public void LastItem_WithoutItems_IsMissing()
    {
        Assert.True(Missing("$last_item.id"));
        Assert.True(Missing("$last_item.id", JsonDocument.Parse("{}").RootElement));
    }

    [Fact]
    public void TryGetFrom_IgnoresLastItemPrefixAndWalksFromTheGivenElement()
    {
        var item = JsonDocument.Parse("""{ "id": 7 }""").RootElement;
        Assert.True(JsonPath.Parse("$last_item.id").TryGetFrom(item, out var value));
        Assert.Equal(7, value.GetInt32());
    }

    [Fact]
    public void KeysAreCaseSensitive() => Assert.True(Missing("Links.next"));

    [Fact]
    public void Unicode_Keys_AreFound()
    {
        var doc = JsonDocument.Parse("""{ "données": { "éléments": [1] } }""").RootElement;
        Assert.True(JsonPath.Parse("données.éléments[0]").TryGet(doc, null, out var value));
        Assert.Equal(1, value.GetInt32());
    }

    [Theory]
    [InlineData("data[x]", "path 'data[x]': expected an index at position 5")]
    [InlineData("data[]", "path 'data[]': expected an index at position 5")]
    [InlineData("data[-]", "path 'data[-]': expected an index at position 6")]
    [InlineData("data[1", "path 'data[1': expected ']' at position 6")]
    [InlineData("data[1x]", "path 'data[1x]': expected ']' at position 6")]
    [InlineData("data[99999999999]", "path 'data[99999999999]': index out of range at position 5")]
    [InlineData("data..items", "path 'data..items': expected a key at position 5")]
    [InlineData(".data", "path '.data': expected a key at position 0")]
    [InlineData("data.", "path 'data.': expected a key after '.' at position 5")]
    [InlineData("data.[0]", "path 'data.[0]': expected a key at position 5")]
    [InlineData("data[0]x", "path 'data[0]x': expected '.' or '[' at position 7")]
    [InlineData("data]", "path 'data]': unexpected ']' at position 4")]
    [InlineData("$.", "path '$.': expected a key after '.' at position 2")]
    [InlineData("$last_item.", "path '$last_item.': expected a path after '$last_item.' at position 11")]
    [InlineData("$last_itemx", "path '$last_itemx': expected '.' after '$last_item' at position 10")]
    [InlineData("/a~2b", "path '/a~2b': '~' must be followed by 0 or 1 in a JSON Pointer (write '~0' for '~', '~1' for '/') at position 2")]
    [InlineData("/a~", "path '/a~': '~' must be followed by 0 or 1 in a JSON Pointer (write '~0' for '~', '~1' for '/') at position 2")]
    public void InvalidPath_NamesPathProblemAndPosition(string path, string expected) =>
        Assert.Equal(expected, ParseError(path));

    [Theory]
    [InlineData("data items")]
    [InlineData(" data")]
    [InlineData("data ")]
    public void Whitespace_IsRejectedWithPointerHint(string path)
    {
        var error = ParseError(path);
        Assert.Contains($"path '{path}'", error, StringComparison.Ordinal);
        Assert.Contains("JSON Pointer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidPath_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => JsonPath.Parse("a[b]"));

    [Fact]
    public void Text_IsThePathAsWritten()
    {
        Assert.Equal("data[-1].id", JsonPath.Parse("data[-1].id").Text);
        Assert.Equal("/a~1b", JsonPath.Parse("/a~1b").ToString());
    }

    [Fact]
    public void DescribeMismatch_NamesPathFoundAndExpected()
    {
        var path = JsonPath.Parse("data.items");
        Assert.Equal("path 'data.items' found a string, expected an array", path.DescribeMismatch(JsonValueKind.String, "an array"));
        Assert.Equal("path 'data.items' found nothing, expected an array", path.DescribeMismatch(JsonValueKind.Undefined, "an array"));
    }

    [Theory]
    [InlineData(JsonValueKind.Object, "an object")]
    [InlineData(JsonValueKind.Array, "an array")]
    [InlineData(JsonValueKind.String, "a string")]
    [InlineData(JsonValueKind.Number, "a number")]
    [InlineData(JsonValueKind.True, "a boolean")]
    [InlineData(JsonValueKind.False, "a boolean")]
    [InlineData(JsonValueKind.Null, "null")]
    [InlineData(JsonValueKind.Undefined, "nothing")]
    public void DescribeKind_ReadsAsWords(JsonValueKind kind, string expected) =>
        Assert.Equal(expected, JsonPath.DescribeKind(kind));

    [Fact]
    public void Evaluation_DoesNotAllocate()
    {
        var path = JsonPath.Parse("data.items[-1].id");
        var pointer = JsonPath.Parse("/data/items/1/id");
        path.TryGet(s_page, null, out _);
        pointer.TryGet(s_page, null, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            path.TryGet(s_page, null, out _);
            pointer.TryGet(s_page, null, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
