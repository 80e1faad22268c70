using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary>
/// <c>/cursor?starting_after=cus_000020&amp;limit=L</c>: Stripe-like. The next cursor is the
/// last item's id; <c>has_more</c> says whether there is another page.
/// </summary>
internal static class CursorApi
{
    public static void MapCursor(this IEndpointRouteBuilder app) => app.MapGet("/cursor", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = DemoQuery.Parse(context.Request.Query, "limit");
        var after = context.Request.Query["starting_after"].ToString();
        var first = 0L;
        if (after.Length > 0)
        {
            if (!Customers.TryParseId(after, out var index))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "starting_after is not a customer id" });
                return;
            }

            first = index + 1;
        }

        var pageNumber = query.PerPage == 0 ? 1 : (first / query.PerPage) + 1;
        if (!await PageGate.PassAsync(context, query, pageNumber))
        {
            return;
        }

        var count = PageStreamer.CountFrom(query, first, query.PerPage);
        var hasMore = first + count < query.Total;
        await PageStreamer.WriteAsync(
            context,
            query,
            "data",
            first,
            count,
            head: w => w.WriteString("object", "list"),
            tail: w =>
            {
                w.WriteBoolean("has_more", hasMore);
                w.WriteString("url", "/v1/customers");
            });
    }
}
