using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary><c>/pages?page=N&amp;per_page=M</c>: page numbers from 1, with the page count in the body.</summary>
internal static class PageNumberApi
{
    public static void MapPageNumber(this IEndpointRouteBuilder app) => app.MapGet("/pages", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = DemoQuery.Parse(context.Request.Query, "per_page");
        var page = DemoQuery.Read(context.Request.Query, "page", 1, 1, long.MaxValue / 2);
        if (!await PageGate.PassAsync(context, query, page))
        {
            return;
        }

        var first = (page - 1) * query.PerPage;
        var count = PageStreamer.CountFrom(query, first, query.PerPage);
        await PageStreamer.WriteAsync(context, query, "data", first, count, head: w =>
        {
            w.WriteNumber("page", page);
            w.WriteNumber("per_page", query.PerPage);
            w.WriteNumber("total_pages", query.TotalPages);
            w.WriteNumber("total", query.Total);
        });
    }
}
