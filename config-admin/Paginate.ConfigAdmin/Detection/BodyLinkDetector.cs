using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.ConfigAdmin.Detection.DetectorJson;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Next links in the body: HAL, JSON:API, OData, HubSpot (link or <c>after</c> cursor) and plain fields such as
/// <c>next</c> or <c>next_page_url</c>: <c>next_link</c>, or <c>cursor</c> when the value is a token.
/// </summary>
internal sealed class BodyLinkDetector : IStyleDetector
{
    private static readonly string[] PlainNames = ["next", "next_page_url", "nextPageUrl", "next_url", "nextUrl", "nextLink", "next_link", "next_page"];

    public void Detect(DetectionContext context)
    {
        var body = context.Body;
        if (TryGet(body, out var hal, "_links", "next", "href"))
        {
            NextLink(context, "_links.next.href", hal, "HAL");
        }
        else if (TryGet(body, out var halLinks, "_links") && halLinks.ValueKind == JsonValueKind.Object)
        {
            NextLink(context, "_links.next.href", null, "HAL");
        }

        if (TryGet(body, out var links, "links") && links.ValueKind == JsonValueKind.Object && links.TryGetProperty("next", out var jsonApiNext))
        {
            if (jsonApiNext.ValueKind == JsonValueKind.Object && jsonApiNext.TryGetProperty("href", out var href))
            {
                NextLink(context, "links.next.href", href, "JSON:API");
            }
            else
            {
                NextLink(context, "links.next", jsonApiNext, "JSON:API");
            }
        }

        if (body.TryGetProperty("@odata.nextLink", out var odata))
        {
            NextLink(context, "/@odata.nextLink", odata, "OData");
        }
        else if (body.TryGetProperty("@odata.context", out _) || body.TryGetProperty("value", out _) && body.TryGetProperty("@odata.count", out _))
        {
            NextLink(context, "/@odata.nextLink", null, "OData");
        }

        if (TryGet(body, out var hubLink, "paging", "next", "link"))
        {
            NextLink(context, "paging.next.link", hubLink, "HubSpot-style paging");
        }

        if (TryGet(body, out var after, "paging", "next", "after") && after.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            context.Add(new PaginationSpec
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "paging.next.after",
                CursorParam = ParamPlacement.Query("after"),
            }, 0.88, "HubSpot-style paging: 'paging.next.after' holds the next cursor");
        }

        foreach (var name in PlainNames)
        {
            if (body.TryGetProperty(name, out var next))
            {
                PlainNext(context, name, next);
            }
        }
    }

    private static void NextLink(DetectionContext context, string path, JsonElement? value, string shape)
    {
        var spec = new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = path };
        if (value is { ValueKind: JsonValueKind.String } text && LooksLikeLink(text.GetString()))
        {
            context.Add(spec, 0.92, $"{shape}: '{path}' holds a next link");
        }
        else if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            context.Add(spec, 0.65, $"{shape}: '{path}' is present but empty (this may be the last page)");
        }
    }

    private static void PlainNext(DetectionContext context, string name, JsonElement next)
    {
        if (next.ValueKind == JsonValueKind.String && LooksLikeLink(next.GetString()))
        {
            context.Add(new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = name }, 0.88, $"'{name}' holds a next link");
        }
        else if (next.ValueKind == JsonValueKind.Null)
        {
            context.Add(new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = name }, 0.6, $"'{name}' is present but empty (this may be the last page)");
        }
        else if (next.ValueKind == JsonValueKind.String && name == "next")
        {
            context.Add(new PaginationSpec
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "next",
                CursorParam = ParamPlacement.Query("cursor"),
            }, 0.55, "'next' holds a token that is not a link: a cursor (check the parameter name)");
        }
    }
}
