using System.Text;
using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Tests.Json;

/// <summary>
/// The validating skip against <see cref="Utf8JsonReader"/> (MaxDepth 256, no comments, no trailing commas):
/// every case states the verdict, and the reader and the skip must both give it, ending the value at the same byte.
/// </summary>
public sealed class JsonSkipTests
{
    private const int MaxDepth = 256;

    [Theory]
    // Escapes: every short one, \u in both cases, surrogate pairs and lone surrogates (the reader does not pair them).
    [InlineData("""["\"","\\","\/","\b","\f","\n","\r","\t"]""", true)]
    [InlineData("""["\u00e9\u00E9\uABCD\uabcd"]""", true)]
    [InlineData("""["\ud83d\ude00","\ud800","\udc00x","\uDBFF\uDFFF"]""", true)]
    [InlineData("""["\a"]""", false)]
    [InlineData("""["\x41"]""", false)]
    [InlineData("""["\'"]""", false)]
    [InlineData("""["\U0041"]""", false)]
    [InlineData("""["\u12"]""", false)]
    [InlineData("""["\u12G4"]""", false)]
    [InlineData("""["\u"]""", false)]
    [InlineData("\"\\", false)]
    [InlineData("\"\\u00e", false)]
    [InlineData("\"abc", false)]
    [InlineData("\"abcdefghijklmnopqrstuvwxyz0123456789", false)]
    [InlineData("\"abcdefghijklmnopqrstuvwxyz0123456789\"", true)]
    [InlineData("\"abcdefghijklmnop\\\"qrstuvwxyz\\\\0123456789\\\\\"", true)]
    [InlineData("\"\u007f\"", true)]
    // Numbers: RFC 8259 only.
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("-0.0e-0", true)]
    [InlineData("1e+5", true)]
    [InlineData("1E-5", true)]
    [InlineData("1e5", true)]
    [InlineData("1e400", true)]
    [InlineData("-1.7976931348623157e308", true)]
    [InlineData("123456789012345678901234567890", true)]
    [InlineData("[10,-10,1.25,0.5]", true)]
    [InlineData("01", false)]
    [InlineData("-01", false)]
    [InlineData("00", false)]
    [InlineData("1.", false)]
    [InlineData("1.e5", false)]
    [InlineData(".1", false)]
    [InlineData("-", false)]
    [InlineData("-.5", false)]
    [InlineData("+1", false)]
    [InlineData("1e", false)]
    [InlineData("1e+", false)]
    [InlineData("1ee5", false)]
    [InlineData("1e5.5", false)]
    [InlineData("1.5.5", false)]
    [InlineData("--1", false)]
    [InlineData("0x10", false)]
    [InlineData("NaN", false)]
    [InlineData("-Infinity", false)]
    [InlineData("[1.]", false)]
    [InlineData("[-]", false)]
    [InlineData("[1e]", false)]
    [InlineData("[01]", false)]
    [InlineData("{\"a\":1x}", false)]
    // Literals, whole and cut short.
    [InlineData("[true,false,null]", true)]
    [InlineData("tru", false)]
    [InlineData("nul", false)]
    [InlineData("fals", false)]
    [InlineData("t", false)]
    [InlineData("[tru]", false)]
    [InlineData("[nul]", false)]
    [InlineData("[fals]", false)]
    [InlineData("True", false)]
    [InlineData("NULL", false)]
    [InlineData("truex", false)]
    [InlineData("[truex]", false)]
    [InlineData("[nulll]", false)]
    [InlineData("[falsey]", false)]
    // Containers, commas and colons.
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    [InlineData("[[],{},[[]],{\"a\":{}}]", true)]
    [InlineData("{\"a\":1,\"b\":[2],\"a\":3}", true)]
    [InlineData("[1,]", false)]
    [InlineData("{\"a\":1,}", false)]
    [InlineData("[,1]", false)]
    [InlineData("{,}", false)]
    [InlineData("[1 2]", false)]
    [InlineData("{\"a\" 1}", false)]
    [InlineData("{\"a\":}", false)]
    [InlineData("{\"a\"}", false)]
    [InlineData("{1:2}", false)]
    [InlineData("{a:2}", false)]
    [InlineData("{'a':2}", false)]
    [InlineData("{\"a\":1 \"b\":2}", false)]
    [InlineData("{\"a\"::1}", false)]
    [InlineData("[1}", false)]
    [InlineData("{\"a\":1]", false)]
    [InlineData("[", false)]
    [InlineData("{", false)]
    [InlineData("]", false)]
    [InlineData("}", false)]
    [InlineData("[[]", false)]
    // Whitespace: the four kinds anywhere between tokens; nothing else counts.
    [InlineData(" \t\n\r[ \t\n\r1 \t\n\r, \t\n\r{ \t\n\r\"a\" \t\n\r: \t\n\rnull \t\n\r} \t\n\r] \t\n\r", true)]
    [InlineData("\f1", false)]
    [InlineData("\v1", false)]
    [InlineData("[1,\f2]", false)]
    // One value only; no comments.
    [InlineData("", false)]
    [InlineData(" \n ", false)]
    [InlineData("1 2", false)]
    [InlineData("{}{}", false)]
    [InlineData("[] x", false)]
    [InlineData("/**/1", false)]
    [InlineData("[1/*x*/]", false)]
    [InlineData("//x\n1", false)]
    public void Verdict_AndEnd_MatchTheReader(string json, bool valid)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(valid, ReaderAccepts(bytes, out var readerEnd));
        Assert.Equal(valid, SkipAccepts(bytes, out var skipEnd));
        Assert.Equal(readerEnd, skipEnd);
    }

    [Fact]
    public void EveryControlCharacter_InAString_IsRefused_ButNotDelAndNotInvalidUtf8()
    {
        for (var c = 0; c < 0x20; c++)
        {
            // At the start, in the middle, and past a 16-byte block (the vector path).
            foreach (var body in new[] { [(byte)'"', (byte)c, (byte)'"'], Quoted("ab", (byte)c, "cd"), Quoted(new string('x', 20), (byte)c, new string('y', 20)) })
            {
                Assert.False(ReaderAccepts(body, out _), $"reader, 0x{c:x2}");
                Assert.False(SkipAccepts(body, out _), $"skip, 0x{c:x2}");
            }
        }

        // Neither checks UTF-8 inside strings: a lone continuation byte, an overlong form, an encoded surrogate.
        foreach (var bytes in new byte[][] { [0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x7F] })
        {
            var body = Quoted("text before", bytes, "and after, past one block");
            Assert.True(ReaderAccepts(body, out var readerEnd));
            Assert.True(SkipAccepts(body, out var skipEnd));
            Assert.Equal(readerEnd, skipEnd);
        }
    }

    [Fact]
    public void Strings_AtEveryOffsetAndLength_AcrossBlockEdges_MatchTheReader()
    {
        // The skip looks at 64-byte blocks and pads the buffer's last bytes: a string may start, hold an escape or
        // a control byte, or end anywhere relative to a block, and the buffer may end inside it.
        foreach (var middle in new[] { "", "\\n", "\\u00e9", "\u0001", "\\q", "\u001f" })
        {
            for (var lead = 0; lead < 66; lead += 5)
            {
                for (var length = 0; length < 140; length++)
                {
                    var text = new string('a', length / 2) + middle + new string('b', length - (length / 2));
                    var body = Encoding.UTF8.GetBytes(new string(' ', lead) + "[\"" + text + "\",\"" + text + "\"]");
                    var valid = ReaderAccepts(body, out var readerEnd);
                    Assert.True(valid == SkipAccepts(body, out var skipEnd), $"lead {lead}, length {length}, middle '{middle}'");
                    Assert.Equal(readerEnd, skipEnd);

                    // The same string cut short at the end of the buffer.
                    var cut = body[..^3];
                    Assert.False(ReaderAccepts(cut, out _));
                    Assert.False(SkipAccepts(cut, out _));
                }
            }
        }
    }

    [Fact]
    public void WhitespaceRuns_OfEveryLength_WithAStrayByteAnywhere_MatchTheReader()
    {
        // Runs of the four kinds (searched 16 bytes at a time), between every kind of token and at the buffer end;
        // a form feed, vertical tab, NUL or NBSP byte inside a run is not whitespace.
        const string kinds = " \n \t  \r\n    ";
        foreach (var stray in new byte?[] { null, 0x0C, 0x0B, 0x00, 0xA0 })
        {
            for (var length = 0; length < 40; length++)
            {
                var run = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, length).Select(i => kinds[i % kinds.Length])));
                if (stray is { } b && length > 0)
                {
                    run[length * 2 / 3] = b;
                }

                var parts = new[] { "{", "\"a\"", ":", "[", "1", ",", "\"s\"", "]", "}" };
                var body = run.Concat(parts.SelectMany(p => Encoding.UTF8.GetBytes(p).Concat(run))).ToArray();
                var valid = ReaderAccepts(body, out var readerEnd);
                Assert.True(valid == SkipAccepts(body, out var skipEnd), $"length {length}, stray {stray}");
                Assert.Equal(readerEnd, skipEnd);
                Assert.Equal(stray is null || length == 0, valid);
            }
        }
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Depth_256Accepted_257Refused(char open, char close)
    {
        foreach (var (depth, valid) in new[] { (MaxDepth, true), (MaxDepth + 1, false) })
        {
            var sb = new StringBuilder();
            for (var i = 0; i < depth; i++)
            {
                sb.Append(open == '[' ? "[" : i == 0 ? "{" : "\"k\":{");
            }

            sb.Append(close, depth);
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());

            Assert.Equal(valid, ReaderAccepts(bytes, out _));
            Assert.Equal(valid, SkipAccepts(bytes, out _));
        }
    }

    [Fact]
    public void DepthLeft_CountsTheContainersAroundTheValue()
    {
        var three = "[[[1]]]"u8;

        Assert.Equal(three.Length, JsonSkip.SkipValue(three, 0, depthLeft: 3));
        Assert.Equal(-1, JsonSkip.SkipValue(three, 0, depthLeft: 2));
        Assert.Equal(1, JsonSkip.SkipValue("1"u8, 0, depthLeft: 0));
    }

    [Fact]
    public void AValueInsideABuffer_EndsWhereItsLastByteIs_NotAtTheBufferEnd()
    {
        var buffer = """{"a":[1,{"b":"x\"y"}],"c":12.5e3,"d":"z"}"""u8;

        Assert.Equal("[1,{\"b\":\"x\\\"y\"}]".Length + 5, JsonSkip.SkipValue(buffer, 5, MaxDepth));
        Assert.Equal(buffer.IndexOf(",\"d\""u8), JsonSkip.SkipValue(buffer, buffer.IndexOf("12.5"u8), MaxDepth));
        Assert.Equal(buffer.Length - 1, JsonSkip.SkipValue(buffer, buffer.Length - 4, MaxDepth));
    }

    internal static bool ReaderAccepts(byte[] json, out int end)
    {
        end = -1;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            reader.Read();
            reader.Skip();
            var valueEnd = (int)reader.BytesConsumed;
            while (reader.Read())
            {
            }

            end = valueEnd;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static bool SkipAccepts(byte[] json, out int end)
    {
        var start = JsonSkip.SkipWhitespace(json, 0);
        end = JsonSkip.SkipValue(json, start, MaxDepth);
        var accepted = end >= 0 && JsonSkip.SkipWhitespace(json, end) == json.Length;
        if (!accepted)
        {
            end = -1;
        }

        return accepted;
    }

    private static byte[] Quoted(string before, byte middle, string after) => Quoted(before, [middle], after);

    private static byte[] Quoted(string before, byte[] middle, string after) =>
        [(byte)'"', .. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after), (byte)'"'];
}
