using System.Text.Json;
using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary>
/// <c>POST /graphql</c>: a GraphQL-like cursor in the request body. The body is
/// <c>{ "variables": { "first": N, "after": "cus_000020" } }</c>; the answer is
/// <c>{ "data": { "customers": { "nodes": [...], "pageInfo": { "hasNextPage", "endCursor" } } } }</c>.
/// </summary>
internal static class GraphQlApi
{
    public static void MapGraphQl(this IEndpointRouteBuilder app) => app.MapPost("/graphql", HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var query = DemoQuery.Parse(context.Request.Query, null);
        var perPage = query.PerPage;
        var first = 0L;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("variables", out var variables)
                && variables.ValueKind == JsonValueKind.Object)
            {
                if (variables.TryGetProperty("first", out var size) && size.TryGetInt32(out var n))
                {
                    perPage = Math.Clamp(n, 0, 100_000);
                }

                if (variables.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String)
                {
                    if (!Customers.TryParseId(after.GetString(), out var index))
                    {
                        throw new JsonException("after is not a customer id");
                    }

                    first = index + 1;
                }
            }
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "body must be { \"variables\": { \"first\": n, \"after\": \"cus_...\" } }" });
            return;
        }

        // The page size comes from the body here, so the list length follows it unless total= is given.
        var pages = DemoQuery.Read(context.Request.Query, "pages", 5, 0, 1_000_000);
        var total = context.Request.Query.ContainsKey("total") ? query.Total : pages * perPage;
        query = query with { PerPage = perPage, Total = total };
        var pageNumber = perPage == 0 ? 1 : (first / perPage) + 1;
        if (!await PageGate.PassAsync(context, query, pageNumber))
        {
            return;
        }

        var count = PageStreamer.CountFrom(query, first, perPage);
        var hasNext = first + count < query.Total;
        var endCursor = count > 0 ? Customers.Id(first + count - 1) : null;
        await PageStreamer.WriteAsync(
            context,
            query,
            "nodes",
            first,
            count,
            head: w =>
            {
                w.WriteStartObject("data");
                w.WriteStartObject("customers");
                w.WriteNumber("totalCount", query.Total);
            },
            tail: w =>
            {
                w.WriteStartObject("pageInfo");
                w.WriteBoolean("hasNextPage", hasNext);
                w.WriteString("endCursor", endCursor);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            });
    }
}
