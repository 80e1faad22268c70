using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Scanning;

/// <summary>
/// Walks a page body once: validates all of it, finds the items array at the runner's <c>items_path</c> and notes
/// where each item lies, and keeps the members of every container on the way there so pagination paths
/// (<c>meta.total</c>, <c>data.pageInfo.endCursor</c>) are found later without a second pass. No document is built
/// for the page.
/// </summary>
/// <remarks>
/// The walk is <see cref="FastPageScanner"/>: items and members off the items' way are passed over by
/// <see cref="JsonSkip"/>, which validates as <see cref="Utf8JsonReader"/> does without tokenizing. When it refuses
/// a page, the same walk with the reader runs over the same bytes, so an invalid page throws exactly the reader's
/// <see cref="JsonException"/> (message, line, byte), as before the fast path existed.
/// The upstream reader already holds the whole decoded page in one pooled buffer (it must, to apply the decoded
/// size cap and to report a page as a whole), so this is a single-buffer scan, not a resumable one. An items
/// path with a negative index (<c>results[-1]</c>) counts from an end a forward walk has not reached: such a
/// runner's pages are parsed into a document, as before. So are the pages of runners whose shape reads fields
/// (<c>select</c>, <c>flatten_jsonapi</c>) or whose style reads any path (<c>script</c>): they need the items as
/// elements anyway, and one document costs less than a scan followed by a document of the items.
/// </remarks>
internal static class PageScanner
{
    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = PageScan.MaxDepth };

    /// <summary>
    /// Scans <paramref name="body"/> (BOM already removed). Throws <see cref="JsonException"/> (with line and
    /// byte) when it is not one valid JSON value.
    /// </summary>
    public static PageScan Scan(ReadOnlyMemory<byte> body, JsonPath itemsPath, bool wholeDocument = false)
    {
        if (wholeDocument)
        {
            return ScanDocument(body, itemsPath);
        }

        var segments = itemsPath.Segments;
        foreach (ref readonly var segment in segments)
        {
            if (!segment.IsForwardOnly)
            {
                return ScanDocument(body, itemsPath);
            }
        }

        if (FastPageScanner.TryScan(body, segments) is { } scan)
        {
            return scan;
        }

        // The fast path says only that the page is invalid: the reader says where and why, as it always has.
        // Should the reader accept what the fast path refused, that is a fault in the fast path: loud in Debug,
        // and in Release the reader's result is the answer.
        var read = ScanWithReader(body, segments);
        Debug.Fail("The fast page scan refused a page the reader accepts.");
        return read;
    }

    /// <summary>
    /// The scan with <see cref="Utf8JsonReader"/>: the reference the fast path is tested against, and the one
    /// that throws the exact <see cref="JsonException"/> (line, byte) for an invalid page.
    /// </summary>
    internal static PageScan ScanWithReader(ReadOnlyMemory<byte> body, ReadOnlySpan<JsonPathSegment> segments)
    {
        var scan = PageScan.Streamed(body, segments.Length);
        var reader = new Utf8JsonReader(body.Span, s_readerOptions);
        reader.Read();
        scan.RootKind = Kind(reader.TokenType);
        Value(ref reader, segments, 0, scan);

        // Anything after the root value that is not whitespace is an error, as for JsonDocument.
        while (reader.Read())
        {
        }

        return scan;
    }

    private static PageScan ScanDocument(ReadOnlyMemory<byte> body, JsonPath itemsPath)
    {
        var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = PageScan.MaxDepth });
        return PageScan.FromDocument(document.RootElement, itemsPath.TryGet(document.RootElement, null, out var items) ? items : default, document);
    }

    /// <summary>The reader is on the first token of the value at the first <paramref name="depth"/> steps of the items path.</summary>
    private static void Value(ref Utf8JsonReader reader, ReadOnlySpan<JsonPathSegment> segments, int depth, PageScan scan)
    {
        // A later duplicate of a key on the way wins: what an earlier one found is forgotten.
        scan.ResetFrom(depth);
        if (depth == segments.Length)
        {
            Items(ref reader, scan);
            return;
        }

        var level = scan.Levels![depth];
        var segment = segments[depth];
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                level.Reset(isArray: false);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    // TokenStartIndex is the opening quote of the name.
                    var name = new ValueSpan((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    var unescaped = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : null;
                    var onward = segment.MatchesName(ref reader);
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    Member(ref reader, segments, depth, scan, level, onward);
                    level.Members.Add(new ScannedMember(name, unescaped, -1, new ValueSpan(start, (int)reader.BytesConsumed - start)));
                }

                break;
            case JsonTokenType.StartArray:
                level.Reset(isArray: true);
                var wanted = segment.TryGetArrayIndex(int.MaxValue, out var index) ? index : -1;
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    var start = (int)reader.TokenStartIndex;
                    Member(ref reader, segments, depth, scan, level, i == wanted);
                    level.Members.Add(new ScannedMember(default, null, i, new ValueSpan(start, (int)reader.BytesConsumed - start)));
                }

                break;
            default:
                // A scalar where the path goes on: the items are not there.
                level.Reset(isArray: false);
                break;
        }
    }

    private static void Member(ref Utf8JsonReader reader, ReadOnlySpan<JsonPathSegment> segments, int depth, PageScan scan, ScanLevel level, bool onward)
    {
        if (onward)
        {
            level.Onward = level.Members.Count;
            Value(ref reader, segments, depth + 1, scan);
        }
        else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    /// <summary>The reader is on the value at the items path.</summary>
    private static void Items(ref Utf8JsonReader reader, PageScan scan)
    {
        scan.ItemsKind = Kind(reader.TokenType);
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemStart = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                scan.AddItem(new ValueSpan(itemStart, (int)reader.BytesConsumed - itemStart));
            }
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            reader.Skip();
        }

        scan.ItemsSpan = new ValueSpan(start, (int)reader.BytesConsumed - start);
    }

    private static JsonValueKind Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
