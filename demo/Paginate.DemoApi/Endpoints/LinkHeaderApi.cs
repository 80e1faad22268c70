using System.Globalization;
using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary>
/// <c>/github?page=N&amp;per_page=M</c>: GitHub-like. The body is a root array; the next page
/// is an absolute URL in the RFC 8288 <c>Link</c> header.
/// </summary>
internal static class LinkHeaderApi
{
    public static void MapLinkHeader(this IEndpointRouteBuilder app) => app.MapGet("/github", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = DemoQuery.Parse(request.Query, "per_page");
        var page = DemoQuery.Read(request.Query, "page", 1, 1, long.MaxValue / 2);
        if (!await PageGate.PassAsync(context, query, page))
        {
            return;
        }

        var links = new List<string>(4);
        if (page < query.TotalPages)
        {
            links.Add(Link(request, page + 1, "next"));
            links.Add(Link(request, query.TotalPages, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(request, 1, "first"));
            links.Add(Link(request, page - 1, "prev"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        var first = (page - 1) * query.PerPage;
        await PageStreamer.WriteAsync(context, query, null, first, PageStreamer.CountFrom(query, first, query.PerPage));
    }

    private static string Link(HttpRequest request, long page, string rel) =>
        $"<{QueryLinks.Absolute(request, "page", page.ToString(CultureInfo.InvariantCulture))}>; rel=\"{rel}\"";
}
