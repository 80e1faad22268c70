using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary><c>/offset?offset=O&amp;limit=L</c>: offset and limit, with the item total in the body.</summary>
internal static class OffsetApi
{
    public static void MapOffset(this IEndpointRouteBuilder app) => app.MapGet("/offset", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = DemoQuery.Parse(context.Request.Query, "limit");
        var offset = DemoQuery.Read(context.Request.Query, "offset", 0, 0, long.MaxValue / 2);
        var pageNumber = query.PerPage == 0 ? 1 : (offset / query.PerPage) + 1;
        if (!await PageGate.PassAsync(context, query, pageNumber))
        {
            return;
        }

        var count = PageStreamer.CountFrom(query, offset, query.PerPage);
        await PageStreamer.WriteAsync(context, query, "results", offset, count, head: w =>
        {
            w.WriteNumber("offset", offset);
            w.WriteNumber("limit", query.PerPage);
            w.WriteNumber("total", query.Total);
        });
    }
}
