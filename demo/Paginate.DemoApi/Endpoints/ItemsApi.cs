using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary><c>/items</c>: every item in one root array, for runners with pagination style <c>none</c>.</summary>
internal static class ItemsApi
{
    public static void MapItems(this IEndpointRouteBuilder app) => app.MapGet("/items", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = DemoQuery.Parse(context.Request.Query, null);
        if (!await PageGate.PassAsync(context, query, 1))
        {
            return;
        }

        await PageStreamer.WriteAsync(context, query, null, 0, query.Total);
    }
}
