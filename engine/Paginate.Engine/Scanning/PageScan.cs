using System.Text.Json;
using Paginate.Engine.Json;

namespace Paginate.Engine.Scanning;

/// <summary>
/// What <see cref="PageScanner"/> found in one page: the items as raw byte ranges of the body, and the containers
/// on the way to them. Values that pagination paths select are parsed on demand, each on its own bytes only
/// (<c>meta</c>, or the last item for <c>$last_item.</c>), and kept until the page is released. Only a style that
/// reads the body with any path (script) asks for <see cref="Root"/>, which parses the whole page once.
/// </summary>
/// <remarks>
/// Duplicate keys: the LAST occurrence wins everywhere, in the scan (items path) and in lookups, which is what
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> does on a document, so a runner reads the
/// same values whichever way its page was read.
/// </remarks>
internal sealed class PageScan : IDisposable
{
    /// <summary>The nesting a page may have, as for the page documents before.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = MaxDepth };
    private static readonly JsonElement s_noItems = JsonDocument.Parse("[]").RootElement;

    // The four whitespace bytes of RFC 8259.
    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    private readonly ReadOnlyMemory<byte> _body;
    private readonly List<ValueSpan> _items = [];
    private readonly List<(ValueSpan Span, JsonDocument Document)> _parsed = [];
    private List<JsonElement>? _itemElements;
    private JsonElement _itemsElement;
    private JsonDocument? _document;
    private JsonElement? _root;
    private bool _lastItemRead;
    private JsonElement? _lastItem;

    private PageScan(ReadOnlyMemory<byte> body, ScanLevel[]? levels)
    {
        _body = body;
        Levels = levels;
    }

    /// <summary>The containers on the way to the items (one per items path step); null when the page was read into a document.</summary>
    public ScanLevel[]? Levels { get; }

    /// <summary>What the page body is (an object, an array ...).</summary>
    public JsonValueKind RootKind { get; set; }

    /// <summary>What the items path found; <see cref="JsonValueKind.Undefined"/> when it found nothing.</summary>
    public JsonValueKind ItemsKind { get; set; }

    /// <summary>Where the value at the items path lies.</summary>
    public ValueSpan ItemsSpan { get; set; }

    public int ItemCount => _itemElements?.Count ?? _items.Count;

    /// <summary>
    /// The raw UTF-8 of the body's root value as the upstream sent it (whitespace around it left out), straight
    /// from the page buffer: reading it never parses the page.
    /// </summary>
    public ReadOnlySpan<byte> RawBody => Levels is null ? System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(_root!.Value) : _body.Span.Trim(JsonWhitespace);

    /// <summary>Whether the whole page has been parsed into a document (on demand, or because it was read as one).</summary>
    public bool RootParsed => _root is not null;

    /// <summary>The whole body as a document: parsed on first use (script style), or the document it was read into.</summary>
    public JsonElement Root => _root ??= Parse(new ValueSpan(0, _body.Length), whole: true);

    /// <summary>The items array parsed alone (an empty array when the items path held null).</summary>
    public JsonElement ItemsElement => ItemsKind != JsonValueKind.Array ? s_noItems : _itemElements is null ? Parse(ItemsSpan, whole: false) : _itemsElement;

    /// <summary>The last item, for <c>$last_item.</c> paths; null on an empty page. Only that item is parsed.</summary>
    public JsonElement? LastItem
    {
        get
        {
            if (!_lastItemRead)
            {
                _lastItem = ItemCount > 0 ? ParseItem(ItemCount - 1) : null;
                _lastItemRead = true;
            }

            return _lastItem;
        }
    }

    public static PageScan Streamed(ReadOnlyMemory<byte> body, int depth)
    {
        var levels = new ScanLevel[depth];
        for (var i = 0; i < depth; i++)
        {
            levels[i] = new ScanLevel();
        }

        return new PageScan(body, levels);
    }

    /// <summary>
    /// A page read into a document (<paramref name="owned"/> is disposed with the scan when given), with what its
    /// items path found (<c>default</c> when nothing).
    /// </summary>
    public static PageScan FromDocument(JsonElement root, JsonElement items, JsonDocument? owned)
    {
        var scan = new PageScan(default, null) { _root = root, _document = owned, RootKind = root.ValueKind, ItemsKind = items.ValueKind, _itemsElement = items };
        scan._itemElements = items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [];
        return scan;
    }

    /// <summary>The raw bytes of item <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Item(int index)
    {
        if (_itemElements is not null)
        {
            return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(_itemElements[index]);
        }

        var span = _items[index];
        return _body.Span.Slice(span.Start, span.Length);
    }

    public void AddItem(ValueSpan item) => _items.Add(item);

    /// <summary>Forgets what was found at and below step <paramref name="depth"/> of the items path (a later duplicate key replaces it).</summary>
    public void ResetFrom(int depth)
    {
        var levels = Levels ?? [];
        for (var i = depth; i < levels.Length; i++)
        {
            levels[i].Reset(isArray: false);
        }

        _items.Clear();
        ItemsKind = JsonValueKind.Undefined;
    }

    /// <summary>The value at <paramref name="path"/> (a <c>$last_item.</c> path reads the last item); false when missing.</summary>
    public bool TryGet(JsonPath path, out JsonElement value)
    {
        if (path.IsLastItem)
        {
            if (LastItem is { } item)
            {
                return path.TryGetFrom(item, out value);
            }

            value = default;
            return false;
        }

        return Levels is null ? path.TryGetFrom(Root, out value) : TryGetScanned(path, out value);
    }

    public void Dispose()
    {
        foreach (var (_, document) in _parsed)
        {
            document.Dispose();
        }

        _parsed.Clear();
        _document?.Dispose();
        _document = null;
    }

    /// <summary>Follows the path through the scanned containers; the first step off the items' way parses that member alone.</summary>
    private bool TryGetScanned(JsonPath path, out JsonElement value)
    {
        var levels = Levels!;
        var segments = path.Segments;
        var depth = 0;
        for (var step = 0; ; step++)
        {
            if (depth == levels.Length)
            {
                // At the items value: an index step selects one item by its recorded position.
                if (step == segments.Length)
                {
                    value = Parse(ItemsSpan, whole: false);
                    return true;
                }

                if (ItemsKind != JsonValueKind.Array || !segments[step].TryGetArrayIndex(_items.Count, out var index))
                {
                    value = default;
                    return false;
                }

                return path.TryGetFrom(ParseItem(index), step + 1, out value);
            }

            if (step == segments.Length)
            {
                // The path ends on a container that holds the items: rare, and needs it whole.
                var container = depth == 0 ? new ValueSpan(0, _body.Length) : levels[depth - 1].Members[levels[depth - 1].Onward].Value;
                value = Parse(container, whole: depth == 0);
                return true;
            }

            var level = levels[depth];
            var found = Find(level, segments[step]);
            if (found < 0)
            {
                value = default;
                return false;
            }

            if (found != level.Onward)
            {
                return path.TryGetFrom(Parse(level.Members[found].Value, whole: false), step + 1, out value);
            }

            depth++;
        }
    }

    private int Find(ScanLevel level, JsonPathSegment segment)
    {
        var members = level.Members;
        if (level.IsArray)
        {
            return segment.TryGetArrayIndex(members.Count, out var index) ? index : -1;
        }

        var body = _body.Span;
        for (var i = members.Count - 1; i >= 0; i--)
        {
            var member = members[i];
            var name = member.UnescapedName ?? body.Slice(member.Name.Start, member.Name.Length);
            if (segment.MatchesName(name))
            {
                return i;
            }
        }

        return -1;
    }

    private JsonElement ParseItem(int index) => _itemElements is null ? Parse(_items[index], whole: false) : _itemElements[index];

    private JsonElement Parse(ValueSpan span, bool whole)
    {
        if (whole && _root is { } root)
        {
            return root;
        }

        foreach (var (parsedSpan, document) in _parsed)
        {
            if (parsedSpan == span)
            {
                return document.RootElement;
            }
        }

        var parsed = JsonDocument.Parse(_body.Slice(span.Start, span.Length), s_documentOptions);
        _parsed.Add((span, parsed));
        return parsed.RootElement;
    }
}
