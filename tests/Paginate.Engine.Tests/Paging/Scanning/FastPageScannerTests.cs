using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Json;
using Paginate.Engine.Scanning;
using Paginate.Engine.Tests.Json;

namespace Paginate.Engine.Tests.Paging.Scanning;

/// <summary>
/// The fast page scan against the reader-based one over the same bytes: both accept or both refuse, and when
/// they accept they find the same root, the same items (byte ranges) and the same containers on the way
/// (every member's name, decoded name, index and value range, and which member leads on).
/// </summary>
public sealed class FastPageScannerTests
{
    // Whitespace of all four kinds, escaped keys (one of them on the items path), every value kind, nesting,
    // empty containers, a duplicate key on the way and strings longer than one 16-byte block.
    private const string Sample =
        "{ \"object\" : \"list\",\r\n \"d\\u0061ta\":\t[ {\"id\":\"cus_\\\"quoted\\\"\",\"n\":-0.5e+3,\"t\":true,\"f\":false,\"z\":null," +
        "\"arr\":[[],{}],\"s\":\"caf\\u00e9 \\ud83d\\ude00 and a longer tail of text\"} ,\n {\"id\":2} , \"str\", 12, [1,[2,[3]]], {} ] ," +
        " \"meta\": {\"total\": 2, \"next\": null, \"k\\\"ey\": [true]}, \"box\": {\"items\": [1, 2], \"items\": [3]}, \"list\": [{\"items\":[0]}, {\"items\":[4,5]}] }";

    private static readonly string[] s_paths = ["data", "box.items", "list[1].items", "/list/0/items", "meta", "meta.total", "missing", "", "data[4]", "object.x"];

    [Fact]
    public void SamplePage_EveryItemsPath_FindsWhatTheReaderFinds()
    {
        var body = Encoding.UTF8.GetBytes(Sample);
        foreach (var path in s_paths)
        {
            Assert.True(AssertSameVerdict(body, path), $"'{path}' should be accepted");
        }

        // The walk is not vacuous: the sample holds what the paths look for.
        using var data = FastPageScanner.TryScan(body, JsonPath.Parse("data").Segments)!;
        Assert.Equal(6, data.ItemCount);
        using var box = FastPageScanner.TryScan(body, JsonPath.Parse("box.items").Segments)!;
        Assert.Equal("3", Encoding.UTF8.GetString(box.Item(0)));
        Assert.Equal(1, box.ItemCount);
    }

    [Theory]
    [InlineData("""{"data":[]}""", true)]
    [InlineData("""{"data":{}}""", true)]
    [InlineData("""{"data":null}""", true)]
    [InlineData("""{}""", true)]
    [InlineData("""[]""", true)]
    [InlineData("""[1,{"data":[1]}]""", true)]
    [InlineData("""  "just a string"  """, true)]
    [InlineData("""{"data":[1,]}""", false)]
    [InlineData("""{"data":[1],}""", false)]
    [InlineData("""{"data" [1]}""", false)]
    [InlineData("""{"data":[1] "x":2}""", false)]
    [InlineData("""{"data":[01]}""", false)]
    [InlineData("""{"data":[tru]}""", false)]
    [InlineData("""{"x":nul,"data":[]}""", false)]
    [InlineData("""{"data":[{"a":"\q"}]}""", false)]
    [InlineData("""{"data":[]} []""", false)]
    [InlineData("""{"data":[]""", false)]
    [InlineData("""{"data":""", false)]
    [InlineData("""{"da""", false)]
    [InlineData("""{,"data":[]}""", false)]
    [InlineData("""{"d\u0061ta":[1]}""", true)]
    // A key on the way that the reader cannot decode to text: the reader-based scan throws, so the fast one refuses.
    [InlineData("""{"\ud800":1,"data":[]}""", false)]
    [InlineData("""{"data":[],"\ud800":1}""", false)]
    public void EdgePages_SameVerdictAndFindings(string page, bool valid)
    {
        Assert.Equal(valid, AssertSameVerdict(Encoding.UTF8.GetBytes(page), "data"));
    }

    [Fact]
    public void Depth_OnTheWayAndInsideItems_CountsAsTheReaderDoes()
    {
        foreach (var (depth, valid) in new[] { (256, true), (257, false) })
        {
            // Two containers (root and items array) around the items: the item may nest depth - 2 deep.
            var item = new string('[', depth - 2) + new string(']', depth - 2);
            Assert.Equal(valid, AssertSameVerdict(Encoding.UTF8.GetBytes("{\"data\":[" + item + "]}"), "data"));

            // Off the items' way a member has one container around it (the root).
            var member = "[" + item + "]";
            Assert.Equal(valid, AssertSameVerdict(Encoding.UTF8.GetBytes("{\"x\":" + member + ",\"data\":[]}"), "data"));
        }
    }

    [Fact]
    public void TruncatedAtEveryByte_BothRefuse_AndWhitespaceAfterTheEndIsFine()
    {
        var body = Encoding.UTF8.GetBytes(Sample);
        for (var length = 0; length < body.Length; length++)
        {
            Assert.False(AssertSameVerdict(body[..length], "data"), $"cut at {length}");
        }

        Assert.True(AssertSameVerdict([.. body, .. " \t\r\n"u8], "data"));
    }

    [Fact]
    public void SeededMutations_AreAcceptedOrRefusedAlike()
    {
        // Fixed seed: a failure names the case, and the same run reproduces it.
        var random = new Random(20261201);
        var seeds = new[] { Encoding.UTF8.GetBytes(Sample), StripeLikePage(3) };
        ReadOnlySpan<byte> alphabet = "{}[],:\"\\ \t\r\n0123456789-+.eEtrufalsn/u\u00e9x"u8;
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < 4000; i++)
        {
            var page = new List<byte>(seeds[i % seeds.Length]);
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits && page.Count > 0; e++)
            {
                var at = random.Next(page.Count);
                var b = random.Next(8) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0:
                        page.Insert(at, b);
                        break;
                    case 1:
                        page.RemoveAt(at);
                        break;
                    default:
                        page[at] = b;
                        break;
                }
            }

            var bytes = page.ToArray();
            var path = s_paths[i % 4];
            var readerValid = JsonSkipTests.ReaderAccepts(bytes, out var readerEnd);
            Assert.True(readerValid == JsonSkipTests.SkipAccepts(bytes, out var skipEnd), $"case {i}: skip verdict differs on {Convert.ToBase64String(bytes)}");
            Assert.Equal(readerEnd, skipEnd);
            if (AssertSameVerdict(bytes, path))
            {
                accepted++;
            }
            else
            {
                refused++;
            }
        }

        // Both sides of the comparison were exercised (mutations that keep a page valid: in strings, digits, whitespace).
        Assert.InRange(accepted, 200, 3800);
        Assert.InRange(refused, 200, 3800);
    }

    [Fact]
    public void InvalidPage_ThrowsTheReadersExactError()
    {
        foreach (var page in new[] { "{\"data\":[1,\n  {\"a\":tru}]}", "{\"data\":[1]}\n x", "{\"x\":\"\\q\",\"data\":[]}" })
        {
            var bytes = Encoding.UTF8.GetBytes(page);
            var expected = Assert.ThrowsAny<JsonException>(() => PageScanner.ScanWithReader(bytes, JsonPath.Parse("data").Segments).Dispose());
            var actual = Assert.ThrowsAny<JsonException>(() => PageScanner.Scan(bytes, JsonPath.Parse("data")).Dispose());

            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal(expected.LineNumber, actual.LineNumber);
            Assert.Equal(expected.BytePositionInLine, actual.BytePositionInLine);
        }
    }

    /// <summary>Runs both scans; asserts they agree; returns whether the page was accepted.</summary>
    private static bool AssertSameVerdict(byte[] body, string itemsPath)
    {
        var segments = JsonPath.Parse(itemsPath).Segments;
        string? expected;
        try
        {
            using var read = PageScanner.ScanWithReader(body, segments);
            expected = Describe(read, body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            expected = null;
        }

        using var fast = FastPageScanner.TryScan(body, segments);
        var actual = fast is null ? null : Describe(fast, body);
        Assert.True(expected == actual, $"items path '{itemsPath}', page {Convert.ToBase64String(body)}:\nreader: {expected ?? "refused"}\nfast:   {actual ?? "refused"}");
        return expected is not null;
    }

    private static string Describe(PageScan scan, byte[] body)
    {
        var sb = new StringBuilder();
        sb.Append($"root {scan.RootKind}, items {scan.ItemsKind} at {scan.ItemsSpan}, {scan.ItemCount} items:");
        for (var i = 0; i < scan.ItemCount; i++)
        {
            var item = scan.Item(i);
            var offset = (int)Unsafe.ByteOffset(ref body[0], ref MemoryMarshal.GetReference(item));
            sb.Append($" [{offset},{item.Length}]");
        }

        foreach (var level in scan.Levels!)
        {
            sb.Append($"\n level array={level.IsArray} onward={level.Onward}:");
            foreach (var member in level.Members)
            {
                var unescaped = member.UnescapedName is null ? "-" : Convert.ToHexString(member.UnescapedName);
                sb.Append($" ({member.Name} {unescaped} {member.Index} {member.Value})");
            }
        }

        return sb.ToString();
    }

    private static byte[] StripeLikePage(int items)
    {
        var sb = new StringBuilder("{\"object\":\"list\",\"has_more\":true,\"data\":[");
        for (var i = 0; i < items; i++)
        {
            sb.Append(i == 0 ? "" : ",")
                .Append("{\"id\":\"cus_0000000").Append(i).Append("\",\"address\":{\"city\":\"Paris\",\"line2\":null},\"balance\":").Append(i * 37)
                .Append(",\"delinquent\":false,\"description\":\"Customer with a \\\"quoted\\\" note and unicode caf\\u00e9\",")
                .Append("\"preferred_locales\":[\"fr-FR\",\"en-US\"],\"tags\":[1,2.5,-3e2,true,null]}");
        }

        return Encoding.UTF8.GetBytes(sb.Append("],\"total_pages\":3}").ToString());
    }
}
