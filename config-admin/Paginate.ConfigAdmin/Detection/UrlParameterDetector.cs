using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// The last resort when the body showed nothing: a <c>page</c> or offset parameter in the request URL
/// suggests <c>page_number</c> until an empty page, or <c>offset</c> until a short page.
/// </summary>
internal sealed class UrlParameterDetector : IStyleDetector
{
    public void Detect(DetectionContext context)
    {
        if (context.Found.Count > 0)
        {
            return;
        }

        var query = context.Query;
        if (query.Contains("page"))
        {
            context.Add(new PaginationSpec { Style = PaginationStyles.PageNumber }, 0.5, "The URL has a 'page' parameter and the body no paging fields: page numbers until an empty page");
        }
        else if (query.Overlaps(CounterNames.Offset))
        {
            var offset = CounterNames.Offset.First(query.Contains);
            context.Add(new PaginationSpec { Style = PaginationStyles.Offset, OffsetParam = ParamPlacement.Query(offset) }, 0.5, $"The URL has an '{offset}' parameter: offsets until a short page");
        }
    }
}
