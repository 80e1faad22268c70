using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.ConfigAdmin.Detection.DetectorJson;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>Offset counters (<c>offset</c>, <c>total</c>, <c>limit</c>, <c>next_offset</c> ...) in the body or a paging object: <c>offset</c>.</summary>
internal sealed class OffsetDetector : IStyleDetector
{
    private static readonly string[] TotalNames = ["total", "total_count", "totalCount", "total_results", "totalResults", "count", "totalItems", "total_items"];
    private static readonly string[] NextOffsetNames = ["next_offset", "nextOffset"];

    public void Detect(DetectionContext context)
    {
        var query = context.Query;
        foreach (var container in CounterNames.Containers)
        {
            if (!TryGet(context.Body, out var scope, Split(container)) || scope.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var total = TotalNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var offset = CounterNames.Offset.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var limit = CounterNames.Limit.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var nextOffset = NextOffsetNames.FirstOrDefault(n => scope.TryGetProperty(n, out _));
            if (offset is null && nextOffset is null || total is null && limit is null && nextOffset is null)
            {
                continue;
            }

            int? limitValue = limit is not null && scope.GetProperty(limit).TryGetInt32(out var l) && l > 0 ? l : null;
            var offsetParam = CounterNames.Offset.FirstOrDefault(query.Contains) ?? offset ?? "offset";
            var limitParam = CounterNames.Limit.FirstOrDefault(query.Contains) ?? limit ?? "limit";
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
            context.Add(spec, total is not null || nextOffset is not null ? 0.8 : 0.6, $"Offset counters {string.Join(", ", parts)}; offset sent as '{offsetParam}', limit as '{limitParam}'");
            return;
        }
    }
}
