using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

/// <summary>Valid definitions to start from; each test changes one thing.</summary>
internal static class RunnerSamples
{
    /// <summary>The CONTRACT §1 example: Stripe customers, cursor on the last item, select shape.</summary>
    public const string StripeJson = """
        {
          "name": "Stripe customers",
          "description": "All customers for a Clay lookup",
          "request": {
            "method": "GET",
            "url": "https://api.stripe.com/v1/customers?limit=100&email={{email}}",
            "forward_headers": ["Authorization"],
            "static_headers": { "Stripe-Version": "2024-06-20" },
            "body": null
          },
          "pagination": {
            "style": "cursor",
            "cursor_path": "$last_item.id",
            "cursor_param": { "in": "query", "name": "starting_after" },
            "has_more_path": "has_more"
          },
          "response": { "items_path": "data" },
          "shape": { "mode": "select", "fields": ["id:id", "email:email", "city:address.city"] },
          "limits": {
            "max_pages": 50, "max_items": null, "stop_on_empty_page": true,
            "stop_on_repeated_next": true, "page_delay_ms": 0, "max_retries": 3,
            "retry_delay_ms": 1000, "page_timeout_ms": 30000, "total_timeout_ms": 120000,
            "max_concurrency": 1
          }
        }
        """;

    public static RunnerDefinition Stripe() => new()
    {
        Name = "Stripe customers",
        Request = new RequestSpec
        {
            Url = "https://api.stripe.com/v1/customers?limit=100&email={{email}}",
            ForwardHeaders = ["Authorization"],
            StaticHeaders = new Dictionary<string, string> { ["Stripe-Version"] = "2024-06-20" },
        },
        Pagination = new PaginationSpec
        {
            Style = PaginationStyles.Cursor,
            CursorPath = "$last_item.id",
            CursorParam = ParamPlacement.Query("starting_after"),
            HasMorePath = "has_more",
        },
        Response = new ResponseSpec { ItemsPath = "data" },
        Shape = new ShapeSpec { Mode = ShapeModes.Select, Fields = ["id:id", "email:email", "city:address.city"] },
    };

    /// <summary>A GraphQL-style POST with the cursor written into the body.</summary>
    public static RunnerDefinition GraphQl() => new()
    {
        Name = "GraphQL users",
        Request = new RequestSpec
        {
            Method = "POST",
            Url = "https://api.example.com/graphql",
            ForwardHeaders = ["Authorization"],
            Body = JsonDocument.Parse("""{ "query": "query($after: String) { users(after: $after) { nodes { id } } }", "variables": { "after": null, "org": "{{org}}" } }""").RootElement.Clone(),
        },
        Pagination = new PaginationSpec
        {
            Style = PaginationStyles.Cursor,
            CursorPath = "data.users.pageInfo.endCursor",
            CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = "/variables/after" },
            HasMorePath = "data.users.pageInfo.hasNextPage",
        },
        Response = new ResponseSpec { ItemsPath = "data.users.nodes" },
    };

    public static RunnerDefinition PageNumber(PaginationSpec? pagination = null) => new()
    {
        Name = "Paged",
        Request = new RequestSpec { Url = "https://api.example.com/v1/items" },
        Pagination = pagination ?? new PaginationSpec { Style = PaginationStyles.PageNumber },
        Response = new ResponseSpec { ItemsPath = "items" },
    };
}
