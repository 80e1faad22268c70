using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.ConfigAdmin.Detection.DetectorJson;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>Page counters (<c>total_pages</c>, <c>current_page</c>, <c>per_page</c> ...) in the body or a paging object: <c>page_number</c>.</summary>
internal sealed class PageNumberDetector : IStyleDetector
{
    private static readonly string[] TotalPagesNames = ["total_pages", "totalPages", "last_page", "lastPage", "page_count", "pageCount", "pages"];
    private static readonly string[] CurrentPageNames = ["current_page", "currentPage", "page", "page_number", "pageNumber"];
    private static readonly string[] PageSizeNames = ["per_page", "perPage", "page_size", "pageSize"];

    public void Detect(DetectionContext context)
    {
        var query = context.Query;
        foreach (var container in CounterNames.Containers)
        {
            if (!TryGet(context.Body, out var scope, Split(container)) || scope.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var totalPages = TotalPagesNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            var current = CurrentPageNames.FirstOrDefault(n => scope.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number);
            if (totalPages is null && (current is null || container.Length == 0 && context.Items is null))
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
            context.Add(spec, totalPages is null ? 0.6 : 0.84, $"{what}; page number sent as '{pageParam}'");
            return;
        }
    }
}
