using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>What every detector reads (the first page, the request, the items found) and the suggestions so far.</summary>
internal sealed class DetectionContext
{
    private readonly string _itemsNote;

    public DetectionContext(FirstPage page, RequestSpec request)
    {
        Page = page;
        Request = request;
        Items = ItemsLocator.Find(page.Body);
        Query = DetectorJson.QueryNames(request.Url);
        _itemsNote = Items is null ? "no items array was found" : $"{Items.Evidence} ({Items.Count} items)";
    }

    public FirstPage Page { get; }

    public JsonElement Body => Page.Body;

    public RequestSpec Request { get; }

    public FoundItems? Items { get; }

    /// <summary>The query parameter names of the request URL (values are never looked at).</summary>
    public HashSet<string> Query { get; }

    public List<DetectSuggestion> Found { get; } = [];

    /// <summary>
    /// Adds a suggestion whose items are where <see cref="ItemsLocator"/> found them (or at <paramref name="itemsPath"/>);
    /// its confidence drops when no items array was found at all.
    /// </summary>
    public void Add(PaginationSpec pagination, double confidence, string evidence, string? itemsPath = null) =>
        Found.Add(new DetectSuggestion(
            pagination,
            new ResponseSpec { ItemsPath = itemsPath ?? Items?.Path ?? "" },
            Math.Round(confidence * (Items is null ? 0.6 : 1), 2),
            $"{evidence}; {_itemsNote}."));
}
