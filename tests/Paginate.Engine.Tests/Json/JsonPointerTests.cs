using System.Text.Json;
using System.Text.Json.Nodes;
using Paginate.Engine.Json;

namespace Paginate.Engine.Tests.Json;

public sealed class JsonPointerTests
{
    private const string Document = """{"a/b":1,"m~n":2,"":3,"list":[10,20,30],"o":{"k":"v"}}""";

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("/", new[] { "" })]
    [InlineData("/a~1b", new[] { "a/b" })]
    [InlineData("/m~0n", new[] { "m~n" })]
    [InlineData("/~01", new[] { "~1" })]
    [InlineData("/a//b", new[] { "a", "", "b" })]
    public void Parse_UnescapesTokensTheRfcWay(string text, string[] tokens) =>
        Assert.Equal(tokens, JsonPointer.Parse(text).Tokens);

    [Theory]
    [InlineData("a", "a JSON Pointer starts with '/'")]
    [InlineData("/a~2", "'~' must be followed by 0 or 1 in a JSON Pointer (write '~0' for '~', '~1' for '/') at position 2")]
    [InlineData("/a~", "'~' must be followed by 0 or 1 in a JSON Pointer (write '~0' for '~', '~1' for '/') at position 2")]
    public void TryParse_RefusesWhatRfc6901Refuses(string text, string expected)
    {
        Assert.False(JsonPointer.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("01", -1)]
    [InlineData("-", -1)]
    [InlineData("-1", -1)]
    [InlineData("+1", -1)]
    [InlineData(" 1", -1)]
    [InlineData("2147483648", -1)]
    [InlineData("", -1)]
    public void TryParseArrayIndex_AcceptsOnlyDigitsWithoutLeadingZero(string token, int expected)
    {
        Assert.Equal(expected >= 0, JsonPointer.TryParseArrayIndex(token, out var index));
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("/a~1b", "1")]
    [InlineData("/m~0n", "2")]
    [InlineData("/", "3")]
    [InlineData("/list/2", "30")]
    [InlineData("/o/k", "\"v\"")]
    [InlineData("/list/-", null)]
    [InlineData("/list/01", null)]
    [InlineData("/list/-1", null)]
    [InlineData("/list/3", null)]
    [InlineData("/o/k/x", null)]
    public void TryGet_ReadsTheSameOnElementsAndNodes(string pointer, string? expected)
    {
        using var document = JsonDocument.Parse(Document);
        var parsed = JsonPointer.Parse(pointer);

        var foundElement = parsed.TryGet(document.RootElement, out var element);
        var foundNode = parsed.TryGet(JsonNode.Parse(Document), out var node);

        Assert.Equal(expected is not null, foundElement);
        Assert.Equal(expected is not null, foundNode);
        Assert.Equal(expected, foundElement ? element.GetRawText() : null);
        Assert.Equal(expected, foundNode ? node!.ToJsonString() : null);
    }

    [Fact]
    public void FromEndIndexes_IsOptInAndCountsFromTheEnd()
    {
        using var document = JsonDocument.Parse(Document);
        var pointer = JsonPointer.Parse("/list/-1");

        Assert.False(pointer.TryGet(document.RootElement, out _));
        Assert.True(pointer.WithFromEndIndexes().TryGet(document.RootElement, out var last));
        Assert.Equal(30, last.GetInt32());
        Assert.False(JsonPointer.Parse("/list/-4").WithFromEndIndexes().TryGet(document.RootElement, out _));
        Assert.False(JsonPointer.Parse("/list/-0").WithFromEndIndexes().TryGet(document.RootElement, out _));
    }

    [Theory]
    [InlineData("""{"a":1}""", "/b/c", true, """{"a":1,"b":{"c":7}}""")]
    [InlineData("""{"a":[1,2]}""", "/a/-", true, """{"a":[1,2,7]}""")]
    [InlineData("""{"a":[1,2]}""", "/a/0", true, """{"a":[7,2]}""")]
    [InlineData("""{"a":[1,2]}""", "/a/2", false, """{"a":[1,2]}""")]
    [InlineData("""{"a":[1,2]}""", "/a/01", false, """{"a":[1,2]}""")]
    [InlineData("""{"a":"text"}""", "/a/b", false, """{"a":"text"}""")]
    public void TrySet_CreatesMissingObjectsButNeverOverwritesAScalarInTheWay(string json, string pointer, bool ok, string expected)
    {
        var root = JsonNode.Parse(json);

        Assert.Equal(ok, JsonPointer.Parse(pointer).TrySet(ref root, JsonValue.Create(7), out var problem));
        Assert.Equal(ok, problem is null);
        Assert.Equal(expected, root!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":"text"}""", "/a/b", """{"a":{"b":7}}""")]
    [InlineData("""{"a":[1,2]}""", "/a/2", """{"a":[1,2,7]}""")]
    [InlineData("""{"a":[1,2]}""", "/a/01", """{"a":{"01":7}}""")]
    [InlineData("""[1]""", "/k", """{"k":7}""")]
    public void Overwrite_ReplacesWhateverIsInTheWay(string json, string pointer, string expected) =>
        Assert.Equal(expected, JsonPointer.Parse(pointer).Overwrite(JsonNode.Parse(json), JsonValue.Create(7))!.ToJsonString());

    [Theory]
    [InlineData("/o/k", true, """{"o":{},"list":[1,2]}""")]
    [InlineData("/list/0", true, """{"o":{"k":"v"},"list":[2]}""")]
    [InlineData("/list/-", false, """{"o":{"k":"v"},"list":[1,2]}""")]
    [InlineData("/nothing/here", false, """{"o":{"k":"v"},"list":[1,2]}""")]
    public void Remove_RemovesOnlyWhatIsThere(string pointer, bool removed, string expected)
    {
        var root = JsonNode.Parse("""{"o":{"k":"v"},"list":[1,2]}""");

        Assert.Equal(removed, JsonPointer.Parse(pointer).Remove(root));
        Assert.Equal(expected, root!.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/a~1b/m~0n/0")]
    public void ToString_RoundTrips(string text) => Assert.Equal(text, JsonPointer.Parse(text).ToString());
}
