using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.ConfigAdmin.Detection.DetectorJson;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>A next-cursor field (<c>next_cursor</c>, <c>nextPageToken</c>, Slack's <c>response_metadata</c> ...): <c>cursor</c>.</summary>
internal sealed class CursorDetector : IStyleDetector
{
    private static readonly string[] Containers = ["", "meta", "response_metadata", "pagination", "paging", "metadata"];

    private static readonly (string Field, string Param)[] Names =
    [
        ("next_cursor", "cursor"), ("nextCursor", "cursor"), ("next_page_token", "page_token"),
        ("nextPageToken", "pageToken"), ("next_token", "next_token"), ("nextToken", "nextToken"),
        ("cursor", "cursor"), ("continuation", "continuation"),
    ];

    public void Detect(DetectionContext context)
    {
        foreach (var container in Containers)
        {
            if (!TryGet(context.Body, out var scope, Split(container)) || scope.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var (field, param) in Names)
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
                var paramName = context.Query.FirstOrDefault(q => q.Equals(param, StringComparison.OrdinalIgnoreCase) || q.Contains("cursor", StringComparison.OrdinalIgnoreCase) || q.Contains("token", StringComparison.OrdinalIgnoreCase)) ?? param;
                var hasMore = FindHasMore(scope) is { } flag ? PathText.Of([.. Split(container), flag]) : null;
                context.Add(new PaginationSpec
                {
                    Style = PaginationStyles.Cursor,
                    CursorPath = PathText.Of(segments),
                    CursorParam = ParamPlacement.Query(paramName),
                    HasMorePath = hasMore,
                }, value.ValueKind == JsonValueKind.Null ? 0.7 : 0.87, $"'{PathText.Of(segments)}' holds the next cursor (sent as '{paramName}')");
                return;
            }
        }
    }
}
