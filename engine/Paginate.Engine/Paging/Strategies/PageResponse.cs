using System.Net.Http.Headers;
using System.Text.Json;

namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// A page as the strategies see it: status, headers, the parsed body and its items. The JSON elements are
/// valid only while the loop handles this page.
/// </summary>
internal sealed class PageResponse
{
    /// <summary>An empty items array, for a page whose items path holds JSON null.</summary>
    public static readonly JsonElement NoItems = JsonDocument.Parse("[]").RootElement;

    private readonly HttpResponseHeaders? _headers;
    private readonly HttpContentHeaders? _contentHeaders;

    public PageResponse(int status, HttpResponseHeaders? headers, HttpContentHeaders? contentHeaders, JsonElement body, JsonElement items)
    {
        Status = status;
        _headers = headers;
        _contentHeaders = contentHeaders;
        Body = body;
        Items = items;
        ItemCount = items.GetArrayLength();
        LastItem = ItemCount > 0 ? items[ItemCount - 1] : null;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The parsed body (root element).</summary>
    public JsonElement Body { get; }

    /// <summary>The items array found at the runner's <c>items_path</c>.</summary>
    public JsonElement Items { get; }

    /// <summary>Number of items on this page (before any <c>max_items</c> truncation).</summary>
    public int ItemCount { get; }

    /// <summary>The last item, for <c>$last_item.</c> paths; null on an empty page.</summary>
    public JsonElement? LastItem { get; }

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
}
