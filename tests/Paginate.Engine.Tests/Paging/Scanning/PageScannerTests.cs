using System.Text;
using System.Text.Json;
using Paginate.Engine.Json;
using Paginate.Engine.Scanning;

namespace Paginate.Engine.Tests.Paging.Scanning;

/// <summary>
/// The reader-based page scan: items as raw bytes, pagination values found without a page document. Every
/// value is checked against what a <see cref="JsonDocument"/> of the same page gives, the behaviour before.
/// </summary>
public sealed class PageScannerTests
{
    [Fact]
    public void NestedItems_AndSiblingPaths_ReadAsADocumentWould()
    {
        const string body = """{"data":{"pageInfo":{"endCursor":"c2","hasNext":true},"items":[{"id":1},{"id":2,"x":[1,{"y":null}]}],"after":"z"},"meta":{"total":"7"}}""";
        using var scan = Scan(body, "data.items");

        Assert.Equal(["""{"id":1}""", """{"id":2,"x":[1,{"y":null}]}"""], Items(scan));
        AssertSameAsDocument(body, scan, "data.pageInfo.endCursor", "data.after", "meta.total", "meta", "data.items[1].x[1]", "data.items[-1].id", "/data/items/0/id", "data.missing", "data.items[5]", "$last_item.x[0]", "");
    }

    [Fact]
    public void EscapedKeys_MatchTheirDecodedNames()
    {
        const string body = """{"d\u0061ta":[{"k\"ey":1}],"m\u0065ta":{"t\u006ftal":5,"a\/b":"slash"}}""";
        using var scan = Scan(body, "data");

        Assert.Equal(["""{"k\"ey":1}"""], Items(scan));
        Assert.True(scan.TryGet(JsonPath.Parse("meta.total"), out var total));
        Assert.Equal(5, total.GetInt32());
        Assert.True(scan.TryGet(JsonPath.Parse("/meta/a~1b"), out var slash));
        Assert.Equal("slash", slash.GetString());
        AssertSameAsDocument(body, scan, "meta.total", "/meta/a~1b", "$last_item./k\"ey");
    }

    [Fact]
    public void DuplicateKeys_TheLastOneWins_AsInADocument()
    {
        const string body = """{"items":[1],"total":1,"items":[2,3],"meta":{"next":"a"},"total":2,"meta":{"next":"b"}}""";
        using var scan = Scan(body, "items");

        Assert.Equal(["2", "3"], Items(scan));
        Assert.True(scan.TryGet(JsonPath.Parse("total"), out var total));
        Assert.Equal(2, total.GetInt32());
        AssertSameAsDocument(body, scan, "total", "meta.next", "items[0]");
    }

    [Fact]
    public void DuplicateKey_OnTheWay_ForgetsWhatTheEarlierOneHeld()
    {
        // The second "data" is not an object: the items are not there, whatever the first one held.
        const string body = """{"data":{"items":[1,2]},"data":"gone"}""";
        using var scan = Scan(body, "data.items");

        Assert.Equal(JsonValueKind.Undefined, scan.ItemsKind);
        Assert.Equal(0, scan.ItemCount);
    }

    [Fact]
    public void DeepNesting_IsCopiedWhole_UpToTheDepthLimit()
    {
        var deep = new string('[', 250) + "1" + new string(']', 250);
        var body = "{\"items\":[" + deep + "]}";
        using var scan = Scan(body, "items");
        Assert.Equal([deep], Items(scan));

        var tooDeep = "{\"items\":[" + new string('[', 300) + new string(']', 300) + "]}";
        Assert.ThrowsAny<JsonException>(() => Scan(tooDeep, "items").Dispose());
    }

    [Fact]
    public void HugeString_IsCopiedByteForByte()
    {
        var huge = "\"" + new string('x', 3_000_000) + "\\u00e9\\n\"";
        var body = "{\"meta\":{\"n\":1},\"items\":[" + huge + ",{\"s\":" + huge + "}]}";
        using var scan = Scan(body, "items");

        var items = Items(scan);
        Assert.Equal(2, items.Count);
        Assert.Equal(huge, items[0]);
        Assert.Equal("{\"s\":" + huge + "}", items[1]);
        AssertSameAsDocument(body, scan, "meta.n");
    }

    [Fact]
    public void NumbersAtTheEdgesOfPrecision_KeepTheirExactText()
    {
        string[] numbers = ["9007199254740993", "123456789012345678901234567890", "0.1000000000000000055511151231257827", "-0", "1e400", "-1.7976931348623157e308", "5e-324", "9223372036854775807"];
        var body = "{\"items\":[" + string.Join(",", numbers) + "],\"total\":9223372036854775807,\"pages\":1e2}";
        using var scan = Scan(body, "items");

        Assert.Equal(numbers, Items(scan));
        Assert.True(scan.TryGet(JsonPath.Parse("total"), out var total));
        Assert.Equal(long.MaxValue, total.GetInt64());
        AssertSameAsDocument(body, scan, "total", "pages", "$last_item");
    }

    [Theory]
    [InlineData("""{"items":[1]} x""")]
    [InlineData("""{"items":[1],}""")]
    [InlineData("""{"items":[1,]}""")]
    [InlineData("""{"items":[1]""")]
    [InlineData("")]
    public void InvalidJson_Throws_AsADocumentWould(string body)
    {
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body).Dispose());
        Assert.ThrowsAny<JsonException>(() => Scan(body, "items").Dispose());
    }

    [Fact]
    public void ItemsPath_ThroughAnArrayIndex_AndANegativeIndex()
    {
        const string body = """{"results":[{"x":0,"items":[0]},{"items":[1,2],"next":"n"}]}""";
        using (var scan = Scan(body, "results[1].items"))
        {
            Assert.Equal(["1", "2"], Items(scan));
            AssertSameAsDocument(body, scan, "results[1].next", "results[0].x", "results[-1].next", "results");
        }

        // A negative index counts from an end a forward scan has not reached: the page is read as a document.
        using (var scan = Scan(body, "results[-1].items"))
        {
            Assert.Equal(["1", "2"], Items(scan));
            AssertSameAsDocument(body, scan, "results[1].next", "results[0].x");
        }
    }

    [Fact]
    public void ItemsPath_NullOrMissingOrScalar_SaysWhatItFound()
    {
        using var isNull = Scan("""{"users":null}""", "users");
        Assert.Equal(JsonValueKind.Null, isNull.ItemsKind);
        Assert.Equal(0, isNull.ItemCount);
        Assert.Null(isNull.LastItem);

        using var missing = Scan("""{"user":[]}""", "users");
        Assert.Equal(JsonValueKind.Undefined, missing.ItemsKind);
        Assert.Equal(JsonValueKind.Object, missing.RootKind);

        using var scalar = Scan("""[{"users":"x"}]""", "users");
        Assert.Equal(JsonValueKind.Undefined, scalar.ItemsKind);
        Assert.Equal(JsonValueKind.Array, scalar.RootKind);

        using var root = Scan("""  [ {"a" : 1} , 2 ] """, "");
        Assert.Equal(["""{"a" : 1}""", "2"], Items(root));
    }

    [Fact]
    public void WholeDocumentReading_GivesTheSameItemsAndValues()
    {
        const string body = """{"data":{"items":[{"id":1},{"id":2}],"next":"n"},"meta":{"total":2}}""";
        using var streamed = Scan(body, "data.items");
        using var whole = PageScanner.Scan(Encoding.UTF8.GetBytes(body), JsonPath.Parse("data.items"), wholeDocument: true);

        Assert.Equal(Items(streamed), Items(whole));
        foreach (var text in new[] { "data.next", "meta.total", "$last_item.id", "data.items[0]" })
        {
            Assert.True(streamed.TryGet(JsonPath.Parse(text), out var a));
            Assert.True(whole.TryGet(JsonPath.Parse(text), out var b));
            Assert.Equal(b.GetRawText(), a.GetRawText());
        }
    }

    private static PageScan Scan(string body, string itemsPath) =>
        PageScanner.Scan(Encoding.UTF8.GetBytes(body), JsonPath.Parse(itemsPath));

    private static List<string> Items(PageScan scan)
    {
        var items = new List<string>();
        for (var i = 0; i < scan.ItemCount; i++)
        {
            items.Add(Encoding.UTF8.GetString(scan.Item(i)));
        }

        return items;
    }

    /// <summary>Each path reads the same value from the scan as from a document of the whole page (and of its last item).</summary>
    private static void AssertSameAsDocument(string body, PageScan scan, params string[] paths)
    {
        using var document = JsonDocument.Parse(body);
        using var lastItem = scan.ItemCount == 0 ? null : JsonDocument.Parse(scan.Item(scan.ItemCount - 1).ToArray());
        foreach (var text in paths)
        {
            var path = JsonPath.Parse(text);
            var expectedFound = path.TryGet(document.RootElement, lastItem?.RootElement, out var expected);
            var found = scan.TryGet(path, out var actual);
            Assert.True(expectedFound == found, $"path '{text}': document found {expectedFound}, scan found {found}");
            if (found)
            {
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
            }
        }
    }
}
