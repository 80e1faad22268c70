using System.Globalization;
using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary><c>/links?page=N</c>: JSON:API-like <c>links.next</c>, relative to the host, null on the last page.</summary>
internal static class NextLinkApi
{
    public static void MapNextLink(this IEndpointRouteBuilder app) => app.MapGet("/links", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = DemoQuery.Parse(context.Request.Query, null);
        var page = DemoQuery.Read(context.Request.Query, "page", 1, 1, long.MaxValue / 2);
        if (!await PageGate.PassAsync(context, query, page))
        {
            return;
        }

        var first = (page - 1) * query.PerPage;
        var count = PageStreamer.CountFrom(query, first, query.PerPage);
        var self = QueryLinks.With(context.Request, "page", page.ToString(CultureInfo.InvariantCulture));
        var next = page < query.TotalPages
            ? QueryLinks.With(context.Request, "page", (page + 1).ToString(CultureInfo.InvariantCulture))
            : null;
        await PageStreamer.WriteAsync(context, query, "data", first, count, tail: w =>
        {
            w.WriteStartObject("meta");
            w.WriteNumber("page", page);
            w.WriteNumber("total_pages", query.TotalPages);
            w.WriteEndObject();
            w.WriteStartObject("links");
            w.WriteString("self", self);
            w.WriteString("next", next);
            w.WriteEndObject();
        });
    }
}
