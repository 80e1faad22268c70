using System.Text.Json;
using System.Text.RegularExpressions;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Reads a first page and proposes how the API paginates. Each rule looks for one well-known shape
/// (Link header, JSON:API, HAL, OData, HubSpot, GraphQL, Stripe, cursors, page and offset counters) and
/// says which fields it saw; evidence names paths, never values (a next link may carry a key).
/// </summary>
internal static partial class PaginationDetector
{
    private static readonly string[] CounterContainers = ["", "meta", "pagination", "paging", "page_info", "pageInfo", "meta.pagination", "meta.page"];
    private static readonly string[] TotalPagesNames = ["total_pages", "totalPages", "last_page", "lastPage", "page_count", "pageCount", "pages"];
    private static readonly string[] CurrentPageNames = ["current_page", "currentPage", "page", "page_number", "pageNumber"];
    private static readonly string[] PageSizeNames = ["per_page", "perPage", "page_size", "pageSize"];
    private static readonly string[] TotalNames = ["total", "total_count", "totalCount", "total_results", "totalResults", "count", "totalItems", "total_items"];
    private static readonly string[] OffsetNames = ["offset", "skip", "start"];
    private static readonly string[] LimitNames = ["limit", "per_page", "perPage", "page_size", "pageSize", "size", "take"];
    private static readonly string[] CursorContainers = ["", "meta", "response_metadata", "pagination", "paging", "metadata"];

    private static readonly (string Field, string Param)[] CursorNames =
    [
        ("next_cursor", "cursor"), ("nextCursor", "cursor"), ("next_page_token", "page_token"),
        ("nextPageToken", "pageToken"), ("next_token", "next_token"), ("nextToken", "nextToken"),
        ("cursor", "cursor"), ("continuation", "continuation"),
    ];

    public static List<DetectSuggestion> Detect(FirstPage page, RequestSpec request)
    {
        var items = ItemsLocator.Find(page.Body);
        var itemsPath = items?.Path ?? "";
        var itemsNote = items is null ? "no items array was found" : $"{items.Evidence} ({items.Count} items)";
        var query = QueryNames(request.Url);
        var found = new List<DetectSuggestion>();

        void Add(PaginationSpec pagination, double confidence, string evidence, string? path = null) =>
            found.Add(new DetectSuggestion(pagination, new ResponseSpec { ItemsPath = path ?? itemsPath }, Math.Round(confidence * (items is null ? 0.6 : 1), 2), $"{evidence}; {itemsNote}."));

        var body = page.Body;
        var isObject = body.ValueKind == JsonValueKind.Object;

        if (page.LinkHeaders.Any(h => NextRel().IsMatch(h)))
        {
            Add(new PaginationSpec { Style = PaginationStyles.LinkHeader }, 0.95, "The Link header has rel=\"next\"");
        }
        else if (page.LinkHeaders.Count > 0)
        {
            Add(new PaginationSpec { Style = PaginationStyles.LinkHeader }, 0.6, "A Link header is present (no rel=\"next\" on this page: maybe the last one)");
        }

        if (isObject)
        {
            DetectLinks(body, Add);
            DetectGraphQl(body, request, items, found);
            DetectCursors(body, query, Add);
            DetectHasMore(body, items, query, Add);
            DetectPageNumber(body, query, items, Add);
            DetectOffset(body, query, Add);
        }

        if (found.Count == 0)
        {
            if (query.Contains("page"))
            {
                Add(new PaginationSpec { Style = PaginationStyles.PageNumber }, 0.5, "The URL has a 'page' parameter and the body no paging fields: page numbers until an empty page");
            }
            else if (query.Overlaps(OffsetNames))
            {
                var offset = OffsetNames.First(query.Contains);
                Add(new PaginationSpec { Style = PaginationStyles.Offset, OffsetParam = ParamPlacement.Query(offset) }, 0.5, $"The URL has an '{offset}' parameter: offsets until a short page");
            }
        }

        Add(new PaginationSpec { Style = PaginationStyles.None }, found.Count == 0 ? 0.4 : 0.1, "No next-page hint is needed for a single page");
        return found;
    }

    private static void DetectLinks(JsonElement body, Action<PaginationSpec, double, string, string?> add)
    {
        void NextLink(string path, JsonElement? value, string shape)
        {
            var spec = new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = path };
            if (value is { ValueKind: JsonValueKind.String } text && LooksLikeLink(text.GetString()))
            {
                add(spec, 0.92, $"{shape}: '{path}' holds a next link", null);
            }
            else if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            {
                add(spec, 0.65, $"{shape}: '{path}' is present but empty (this may be the last page)", null);
            }
        }

        if (TryGet(body, out var hal, "_links", "next", "href"))
        {
            NextLink("_links.next.href", hal, "HAL");
        }
        else if (TryGet(body, out var halLinks, "_links") && halLinks.ValueKind == JsonValueKind.Object)
        {
            NextLink("_links.next.href", null, "HAL");
        }

        if (TryGet(body, out var links, "links") && links.ValueKind == JsonValueKind.Object && links.TryGetProperty("next", out var jsonApiNext))
        {
            if (jsonApiNext.ValueKind == JsonValueKind.Object && jsonApiNext.TryGetProperty("href", out var href))
            {
                NextLink("links.next.href", href, "JSON:API");
            }
            else
            {
                NextLink("links.next", jsonApiNext, "JSON:API");
            }
        }

        if (body.TryGetProperty("@odata.nextLink", out var odata))
        {
            NextLink("/@odata.nextLink", odata, "OData");
        }
        else if (body.TryGetProperty("@odata.context", out _) || body.TryGetProperty("value", out _) && body.TryGetProperty("@odata.count", out _))
        {
            NextLink("/@odata.nextLink", null, "OData");
        }

        if (TryGet(body, out var hubLink, "paging", "next", "link"))
        {
            NextLink("paging.next.link", hubLink, "HubSpot-style paging");
        }

        if (TryGet(body, out var after, "paging", "next", "after") && after.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            add(new PaginationSpec
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "paging.next.after",
                CursorParam = ParamPlacement.Query("after"),
            }, 0.88, "HubSpot-style paging: 'paging.next.after' holds the next cursor", null);
        }

        foreach (var name in new[] { "next", "next_page_url", "nextPageUrl", "next_url", "nextUrl", "nextLink", "next_link", "next_page" })
        {
            if (body.TryGetProperty(name, out var next))
            {
                if (next.ValueKind == JsonValueKind.String && LooksLikeLink(next.GetString()))
                {
                    add(new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = name }, 0.88, $"'{name}' holds a next link", null);
                }
                else if (next.ValueKind == JsonValueKind.Null)
                {
                    add(new PaginationSpec { Style = PaginationStyles.NextLink, NextLinkPath = name }, 0.6, $"'{name}' is present but empty (this may be the last page)", null);
                }
                else if (next.ValueKind == JsonValueKind.String && name == "next")
                {
                    add(new PaginationSpec
                    {
                        Style = PaginationStyles.Cursor,
                        CursorPath = "next",
                        CursorParam = ParamPlacement.Query("cursor"),
                    }, 0.55, "'next' holds a token that is not a link: a cursor (check the parameter name)", null);
                }
            }
        }
    }

    private static void DetectGraphQl(JsonElement body, RequestSpec request, FoundItems? items, List<DetectSuggestion> found)
    {
        if (FindPageInfo(body, [], 0) is not { } pageInfo)
        {
            return;
        }

        var (path, info) = pageInfo;
        if (!info.TryGetProperty("endCursor", out _))
        {
            return;
        }

        var parent = path.Take(path.Count - 1).ToList();
        var itemsPath = items?.Path ?? "";
        if (TryGet(body, out var container, [.. parent]) && container.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in new[] { "nodes", "edges" })
            {
                if (container.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    itemsPath = PathText.Of([.. parent, name]);
                    break;
                }
            }
        }

        var usesVariables = request.Body is { ValueKind: JsonValueKind.Object } body2 && body2.TryGetProperty("variables", out _);
        var spec = new PaginationSpec
        {
            Style = PaginationStyles.Cursor,
            CursorPath = PathText.Of([.. path, "endCursor"]),
            CursorParam = usesVariables && request.Method == "POST"
                ? new ParamPlacement { In = "body", Name = "/variables/after" }
                : ParamPlacement.Query("after"),
            HasMorePath = info.TryGetProperty("hasNextPage", out _) ? PathText.Of([.. path, "hasNextPage"]) : null,
        };
        var evidence = $"GraphQL connection: '{PathText.Of(path)}' has endCursor{(spec.HasMorePath is null ? "" : " and hasNextPage")}; items at '{itemsPath}'.";
        found.Add(new DetectSuggestion(spec, new ResponseSpec { ItemsPath = itemsPath }, 0.9, evidence));
    }

    private static void DetectCursors(JsonElement body, HashSet<string> query, Action<PaginationSpec, double, string, string?> add)
    {
        foreach (var container in CursorContainers)
        {
            if (!TryGet(body, out var scope, Split(container)) || scope.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var (field, param) in CursorNames)
            {
                if (!scope.TryGetProperty(field, out var value) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Number))
                {
                    continue;
                }

                if (field == "cursor" && container.Length == 0)
                {
                    continue; // a bare top-level "cursor" is usually the current one, not the next
                }

                string[] segments = [.. Split(container), field];
                var paramName = query.FirstOrDefault(q => q.Equals(param, StringComparison.OrdinalIgnoreCase) || q.Contains("cursor", StringComparison.OrdinalIgnoreCase) || q.Contains("token", StringComparison.OrdinalIgnoreCase)) ?? param;
                var hasMore = FindHasMore(scope) is { } flag ? PathText.Of([.. Split(container), flag]) : null;
                add(new PaginationSpec
                {
                    Style = PaginationStyles.Cursor,
                    CursorPath = PathText.Of(segments),
                    CursorParam = ParamPlacement.Query(paramName),
                    HasMorePath = hasMore,
                }, value.ValueKind == JsonValueKind.Null ? 0.7 : 0.87, $"'{PathText.Of(segments)}' holds the next cursor (sent as '{paramName}')", null);
                return;
            }
        }
    }

    private static void DetectHasMore(JsonElement body, FoundItems? items, HashSet<string> query, Action<PaginationSpec, double, string, string?> add)
    {
        if (FindHasMore(body) is not { } flag || items is null)
        {
            return;
        }

        if (items.LastItem is { ValueKind: JsonValueKind.Object } last && last.TryGetProperty("id", out _))
        {
            add(new PaginationSpec
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "$last_item.id",
                CursorParam = ParamPlacement.Query(query.Contains("after") ? "after" : "starting_after"),
                HasMorePath = flag,
            }, 0.86, $"'{flag}' with item ids (Stripe-style): the next page starts after the last item's id", null);
        }

        add(new PaginationSpec
        {
            Style = PaginationStyles.Offset,
            OffsetParam = ParamPlacement.Query(OffsetNames.FirstOrDefault(query.Contains) ?? "offset"),
            LimitParam = ParamPlacement.Query(LimitNames.FirstOrDefault(query.Contains) ?? "limit"),
            HasMorePath = flag,
        }, 0.5, $"'{flag}' says whether more pages follow: offsets until it is false", null);
    }

    private static void DetectPageNumber(JsonElement body, HashSet<string> query, FoundItems? items, Action<PaginationSpec, double, string, string?> add)
    {
        foreach (var container in CounterContainers)
        {
            if (!TryGet(body, out var scope, Split(container)) || scope.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var totalPages = TotalPagesNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var current = CurrentPageNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            if (totalPages is null && (current is null || container.Length == 0 && items is null))
            {
                continue;
            }

            var pageParam = query.FirstOrDefault(q => q is "page" or "p" or "page_number" or "pageNumber" or "page[number]") ?? "page";
            var sizeName = PageSizeNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var sizeParam = query.FirstOrDefault(q => PageSizeNames.Contains(q) || q is "limit" or "size" or "page[size]");
            int? pageSize = sizeName is not null && scope.GetProperty(sizeName).TryGetInt32(out var size) && size > 0 ? size : null;
            var start = current is not null && scope.GetProperty(current).TryGetInt32(out var first) && first == 0 ? 0 : 1;
            var spec = new PaginationSpec
            {
                Style = PaginationStyles.PageNumber,
                PageParam = ParamPlacement.Query(pageParam),
                StartPage = start,
                PageSize = pageSize,
                PageSizeParam = pageSize is not null && sizeParam is not null ? ParamPlacement.Query(sizeParam) : null,
                TotalPagesPath = totalPages is null ? null : PathText.Of([.. Split(container), totalPages]),
                CurrentPagePath = current is null ? null : PathText.Of([.. Split(container), current]),
            };
            var what = totalPages is null
                ? $"'{spec.CurrentPagePath}' counts pages (no total: until an empty page)"
                : $"'{spec.TotalPagesPath}' gives the number of pages";
            add(spec, totalPages is null ? 0.6 : 0.84, $"{what}; page number sent as '{pageParam}'", null);
            return;
        }
    }

    private static void DetectOffset(JsonElement body, HashSet<string> query, Action<PaginationSpec, double, string, string?> add)
    {
        foreach (var container in CounterContainers)
        {
            if (!TryGet(body, out var scope, Split(container)) || scope.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var total = TotalNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var offset = OffsetNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var limit = LimitNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var nextOffset = new[] { "next_offset", "nextOffset" }.FirstOrDefault(n => scope.TryGetProperty(n, out _));
            if (offset is null && nextOffset is null || total is null && limit is null && nextOffset is null)
            {
                continue;
            }

            int? limitValue = limit is not null && scope.GetProperty(limit).TryGetInt32(out var l) && l > 0 ? l : null;
            var offsetParam = OffsetNames.FirstOrDefault(query.Contains) ?? offset ?? "offset";
            var limitParam = LimitNames.FirstOrDefault(query.Contains) ?? limit ?? "limit";
            var spec = new PaginationSpec
            {
                Style = PaginationStyles.Offset,
                OffsetParam = ParamPlacement.Query(offsetParam),
                LimitParam = ParamPlacement.Query(limitParam),
                Limit = limitValue,
                TotalPath = total is null ? null : PathText.Of([.. Split(container), total]),
                NextOffsetPath = nextOffset is null ? null : PathText.Of([.. Split(container), nextOffset]),
            };
            var parts = new List<string>();
            if (offset is not null) { parts.Add($"'{PathText.Of([.. Split(container), offset])}'"); }
            if (total is not null) { parts.Add($"'{spec.TotalPath}'"); }
            if (limit is not null) { parts.Add($"'{PathText.Of([.. Split(container), limit])}'"); }
            if (nextOffset is not null) { parts.Add($"'{spec.NextOffsetPath}'"); }
            add(spec, total is not null || nextOffset is not null ? 0.8 : 0.6, $"Offset counters {string.Join(", ", parts)}; offset sent as '{offsetParam}', limit as '{limitParam}'", null);
            return;
        }
    }

    private static string? FindHasMore(JsonElement scope) =>
        new[] { "has_more", "hasMore", "has_next", "hasNext", "more", "has_next_page", "hasNextPage" }
            .FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False);

    private static (List<string> Path, JsonElement Info)? FindPageInfo(JsonElement element, List<string> path, int depth)
    {
        if (depth > 5 || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is "pageInfo" or "page_info" && property.Value.ValueKind == JsonValueKind.Object)
            {
                return ([.. path, property.Name], property.Value);
            }

            if (FindPageInfo(property.Value, [.. path, property.Name], depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool TryGet(JsonElement element, out JsonElement value, params string[] path)
    {
        value = element;
        foreach (var segment in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Split(string container) => container.Length == 0 ? [] : container.Split('.');

    private static bool LooksLikeLink(string? text) =>
        !string.IsNullOrEmpty(text) && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith('/') || text.StartsWith('?'));

    /// <summary>The query parameter names of the request URL (values are never looked at).</summary>
    private static HashSet<string> QueryNames(string? url)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var question = url?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (question < 0)
        {
            return names;
        }

        foreach (var pair in url![(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=')[0];
            names.Add(Uri.UnescapeDataString(name));
        }

        return names;
    }

    [GeneratedRegex("rel\\s*=\\s*\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextRel();
}
