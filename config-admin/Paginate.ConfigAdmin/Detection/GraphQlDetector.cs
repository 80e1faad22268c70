using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.ConfigAdmin.Detection.DetectorJson;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// A GraphQL connection (<c>pageInfo.endCursor</c>, up to 5 levels deep): <c>cursor</c> into
/// <c>/variables/after</c> for a POST with variables, with the connection's <c>nodes</c>/<c>edges</c> as items.
/// </summary>
internal sealed class GraphQlDetector : IStyleDetector
{
    private const int MaxDepth = 5;

    public void Detect(DetectionContext context)
    {
        var body = context.Body;
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
        var itemsPath = context.Items?.Path ?? "";
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

        var request = context.Request;
        var usesVariables = request.Body is { ValueKind: JsonValueKind.Object } requestBody && requestBody.TryGetProperty("variables", out _);
        var spec = new PaginationSpec
        {
            Style = PaginationStyles.Cursor,
            CursorPath = PathText.Of([.. path, "endCursor"]),
            CursorParam = usesVariables && request.Method == "POST"
                ? new ParamPlacement { In = "body", Name = "/variables/after" }
                : ParamPlacement.Query("after"),
            HasMorePath = info.TryGetProperty("hasNextPage", out _) ? PathText.Of([.. path, "hasNextPage"]) : null,
        };

        // Its own evidence and full confidence: the connection names its items even when the locator found none.
        var evidence = $"GraphQL connection: '{PathText.Of(path)}' has endCursor{(spec.HasMorePath is null ? "" : " and hasNextPage")}; items at '{itemsPath}'.";
        context.Found.Add(new DetectSuggestion(spec, new ResponseSpec { ItemsPath = itemsPath }, 0.9, evidence));
    }

    private static (List<string> Path, JsonElement Info)? FindPageInfo(JsonElement element, List<string> path, int depth)
    {
        if (depth > MaxDepth || element.ValueKind != JsonValueKind.Object)
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
}
