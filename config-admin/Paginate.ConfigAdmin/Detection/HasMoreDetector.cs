using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.ConfigAdmin.Detection.DetectorJson;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// A top-level <c>has_more</c>-style flag: Stripe-style <c>cursor</c> from the last item's id when items
/// have ids, and <c>offset</c> until the flag is false.
/// </summary>
internal sealed class HasMoreDetector : IStyleDetector
{
    public void Detect(DetectionContext context)
    {
        if (FindHasMore(context.Body) is not { } flag || context.Items is not { } items)
        {
            return;
        }

        var query = context.Query;
        if (items.LastItem is { ValueKind: JsonValueKind.Object } last && last.TryGetProperty("id", out _))
        {
            context.Add(new PaginationSpec
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "$last_item.id",
                CursorParam = ParamPlacement.Query(query.Contains("after") ? "after" : "starting_after"),
                HasMorePath = flag,
            }, 0.86, $"'{flag}' with item ids (Stripe-style): the next page starts after the last item's id");
        }

        context.Add(new PaginationSpec
        {
            Style = PaginationStyles.Offset,
            OffsetParam = ParamPlacement.Query(CounterNames.Offset.FirstOrDefault(query.Contains) ?? "offset"),
            LimitParam = ParamPlacement.Query(CounterNames.Limit.FirstOrDefault(query.Contains) ?? "limit"),
            HasMorePath = flag,
        }, 0.5, $"'{flag}' says whether more pages follow: offsets until it is false");
    }
}
