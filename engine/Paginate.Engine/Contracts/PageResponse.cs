using System.Net.Http.Headers;
using System.Text.Json;
using Paginate.Engine.Json;
using Paginate.Engine.Scanning;

namespace Paginate.Engine.Contracts;

/// <summary>
/// A page as the strategies see it: status, headers, and the body as a <see cref="PageScan"/> (items as raw
/// bytes, pagination values read on demand). The JSON values are valid only while the loop handles this page.
/// </summary>
internal sealed class PageResponse : IDisposable
{
    private readonly HttpResponseHeaders? _headers;
    private readonly HttpContentHeaders? _contentHeaders;
    private readonly PageScan _scan;

    public PageResponse(int status, HttpResponseHeaders? headers, HttpContentHeaders? contentHeaders, PageScan scan)
    {
        Status = status;
        _headers = headers;
        _contentHeaders = contentHeaders;
        _scan = scan;
    }

    /// <summary>A page already parsed into a document (tests, benches): <paramref name="items"/> must be an array inside <paramref name="body"/>.</summary>
    public PageResponse(int status, HttpResponseHeaders? headers, HttpContentHeaders? contentHeaders, JsonElement body, JsonElement items)
        : this(status, headers, contentHeaders, FromElements(body, items))
    {
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The whole body as a document (parsed on first use: only styles that read any path ask for it).</summary>
    public JsonElement Body => _scan.Root;

    /// <summary>The raw UTF-8 of the body's root value, read from the page buffer without parsing it.</summary>
    public ReadOnlySpan<byte> RawBody => _scan.RawBody;

    /// <summary>Whether the page was parsed into a whole document (diagnostics and tests: the items-only styles never need one).</summary>
    public bool BodyParsed => _scan.RootParsed;

    /// <summary>Number of items on this page (before any <c>max_items</c> truncation).</summary>
    public int ItemCount => _scan.ItemCount;

    /// <summary>The last item, for <c>$last_item.</c> paths; null on an empty page.</summary>
    public JsonElement? LastItem => _scan.LastItem;

    /// <summary>The items array as a document of its own (parsed on first use, for shapes that read fields).</summary>
    public JsonElement Items => _scan.ItemsElement;

    /// <summary>The raw UTF-8 of item <paramref name="index"/>, validated by the scan.</summary>
    public ReadOnlySpan<byte> Item(int index) => _scan.Item(index);

    /// <summary>The value at <paramref name="path"/> in the body (or the last item); false when missing.</summary>
    public bool TryGet(JsonPath path, out JsonElement value) => _scan.TryGet(path, out value);

    public void Dispose() => _scan.Dispose();

    /// <summary>Every value of a response or content header (e.g. several <c>Link</c> headers).</summary>
    public IEnumerable<string> GetHeaderValues(string name)
    {
        if (_headers is not null && _headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                yield return value;
            }
        }

        if (_contentHeaders is not null && _contentHeaders.NonValidated.TryGetValues(name, out var contentValues))
        {
            foreach (var value in contentValues)
            {
                yield return value;
            }
        }
    }

    /// <summary>The first value of a header, or null.</summary>
    public string? GetHeader(string name) => GetHeaderValues(name).FirstOrDefault();

    private static PageScan FromElements(JsonElement body, JsonElement items) => PageScan.FromDocument(body, items, null);
}
