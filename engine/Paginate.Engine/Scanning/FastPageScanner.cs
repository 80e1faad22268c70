using System.Text;
using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Scanning;

/// <summary>
/// The page scan's fast path: the same walk as the reader-based scan in <see cref="PageScanner"/> (items path
/// followed, every container on the way kept member by member, every item's byte range noted), done with a
/// small cursor over the buffer, and every value off the items' way and every item passed over by
/// <see cref="JsonSkip"/>, which validates as the reader does without tokenizing.
/// </summary>
/// <remarks>
/// It says only whether the page is valid, not why: on a refusal the caller re-reads the page with the reader to
/// throw the reader's exact error. Depths count as the reader's do: the root value has no container around it.
/// </remarks>
internal static class FastPageScanner
{
    /// <summary>What the page holds, or null when it is not one valid JSON value (or a key on the way does not decode).</summary>
    public static PageScan? TryScan(ReadOnlyMemory<byte> body, ReadOnlySpan<JsonPathSegment> segments)
    {
        var json = body.Span;
        var scan = PageScan.Streamed(body, segments.Length);
        var pos = JsonSkip.SkipWhitespace(json, 0);
        scan.RootKind = KindAt(json, pos);
        pos = Value(json, pos, segments, 0, scan);
        if (pos < 0 || JsonSkip.SkipWhitespace(json, pos) != json.Length)
        {
            scan.Dispose();
            return null;
        }

        return scan;
    }

    /// <summary>The value at <paramref name="pos"/> is at the first <paramref name="depth"/> steps of the items path; returns its end or -1.</summary>
    private static int Value(ReadOnlySpan<byte> json, int pos, ReadOnlySpan<JsonPathSegment> segments, int depth, PageScan scan)
    {
        // A later duplicate of a key on the way wins: what an earlier one found is forgotten.
        scan.ResetFrom(depth);
        if (depth == segments.Length)
        {
            return Items(json, pos, depth, scan);
        }

        var level = scan.Levels![depth];
        var segment = segments[depth];
        var c = JsonSkip.At(json, pos);
        if (c is not ((byte)'{' or (byte)'['))
        {
            // A scalar where the path goes on: the items are not there.
            level.Reset(isArray: false);
            return JsonSkip.SkipValue(json, pos, PageScan.MaxDepth - depth);
        }

        if (depth >= PageScan.MaxDepth)
        {
            return -1;
        }

        var isArray = c == (byte)'[';
        level.Reset(isArray);
        var close = isArray ? (byte)']' : (byte)'}';
        pos = JsonSkip.SkipWhitespace(json, pos + 1);
        if (JsonSkip.At(json, pos) == close)
        {
            return pos + 1;
        }

        var wanted = isArray && segment.TryGetArrayIndex(int.MaxValue, out var index) ? index : -1;
        for (var i = 0; ; i++)
        {
            ValueSpan name = default;
            byte[]? unescaped = null;
            bool onward;
            if (isArray)
            {
                onward = i == wanted;
            }
            else
            {
                if (JsonSkip.At(json, pos) != (byte)'"')
                {
                    return -1;
                }

                var end = JsonSkip.SkipString(json, pos + 1);
                if (end < 0)
                {
                    return -1;
                }

                name = new ValueSpan(pos + 1, end - pos - 2);
                var raw = json.Slice(name.Start, name.Length);
                if (raw.Contains((byte)'\\') && !TryUnescape(json[pos..end], out unescaped))
                {
                    return -1;
                }

                onward = segment.MatchesName(unescaped ?? raw);
                pos = JsonSkip.SkipWhitespace(json, end);
                if (JsonSkip.At(json, pos) != (byte)':')
                {
                    return -1;
                }

                pos = JsonSkip.SkipWhitespace(json, pos + 1);
            }

            var start = pos;
            if (onward)
            {
                level.Onward = level.Members.Count;
                pos = Value(json, pos, segments, depth + 1, scan);
            }
            else
            {
                pos = JsonSkip.SkipValue(json, pos, PageScan.MaxDepth - depth - 1);
            }

            if (pos < 0)
            {
                return -1;
            }

            level.Members.Add(new ScannedMember(name, unescaped, isArray ? i : -1, new ValueSpan(start, pos - start)));
            pos = JsonSkip.SkipWhitespace(json, pos);
            c = JsonSkip.At(json, pos);
            if (c == close)
            {
                return pos + 1;
            }

            if (c != (byte)',')
            {
                return -1;
            }

            pos = JsonSkip.SkipWhitespace(json, pos + 1);
        }
    }

    /// <summary>The value at the items path; returns its end or -1.</summary>
    private static int Items(ReadOnlySpan<byte> json, int pos, int depth, PageScan scan)
    {
        var start = pos;
        scan.ItemsKind = KindAt(json, pos);
        if (scan.ItemsKind != JsonValueKind.Array)
        {
            pos = JsonSkip.SkipValue(json, pos, PageScan.MaxDepth - depth);
        }
        else if (depth >= PageScan.MaxDepth)
        {
            return -1;
        }
        else
        {
            pos = JsonSkip.SkipWhitespace(json, pos + 1);
            if (JsonSkip.At(json, pos) != (byte)']')
            {
                while (true)
                {
                    var itemStart = pos;
                    pos = JsonSkip.SkipValue(json, pos, PageScan.MaxDepth - depth - 1);
                    if (pos < 0)
                    {
                        return -1;
                    }

                    scan.AddItem(new ValueSpan(itemStart, pos - itemStart));
                    pos = JsonSkip.SkipWhitespace(json, pos);
                    var c = JsonSkip.At(json, pos);
                    if (c == (byte)']')
                    {
                        break;
                    }

                    if (c != (byte)',')
                    {
                        return -1;
                    }

                    pos = JsonSkip.SkipWhitespace(json, pos + 1);
                }
            }

            pos++;
        }

        if (pos < 0)
        {
            return -1;
        }

        scan.ItemsSpan = new ValueSpan(start, pos - start);
        return pos;
    }

    /// <summary>
    /// A key with escapes, decoded as the reader-based scan decodes it (so a key the reader cannot turn into text,
    /// such as a lone surrogate escape, fails here too and the reader reports it).
    /// </summary>
    private static bool TryUnescape(ReadOnlySpan<byte> quoted, out byte[]? unescaped)
    {
        try
        {
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            unescaped = Encoding.UTF8.GetBytes(reader.GetString()!);
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            unescaped = null;
            return false;
        }
    }

    private static JsonValueKind KindAt(ReadOnlySpan<byte> json, int pos) => JsonSkip.At(json, pos) switch
    {
        (byte)'{' => JsonValueKind.Object,
        (byte)'[' => JsonValueKind.Array,
        (byte)'"' => JsonValueKind.String,
        (byte)'t' => JsonValueKind.True,
        (byte)'f' => JsonValueKind.False,
        (byte)'n' => JsonValueKind.Null,
        (byte)'-' or (>= (byte)'0' and <= (byte)'9') => JsonValueKind.Number,
        _ => JsonValueKind.Undefined,
    };
}
