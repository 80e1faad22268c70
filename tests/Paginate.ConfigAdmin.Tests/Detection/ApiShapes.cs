using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit.Upstream;

namespace Paginate.ConfigAdmin.Tests.Detection;

/// <summary>First pages shaped like well-known public APIs, served from loopback.</summary>
public static class ApiShapes
{
    public static Task<LoopbackUpstream> StartAsync() => LoopbackUpstream.StartAsync(routes =>
    {
        routes.MapGet("/github", (HttpContext c) =>
        {
            c.Response.Headers.Link = $"<{Base(c)}/github?page=2>; rel=\"next\", <{Base(c)}/github?page=9>; rel=\"last\"";
            return Results.Json(new[] { new { id = 1, name = "a" }, new { id = 2, name = "b" } });
        });
        routes.MapGet("/jsonapi", (HttpContext c) => Results.Json(new
        {
            data = new[] { new { type = "articles", id = "1", attributes = new { title = "x" } } },
            links = new { self = $"{Base(c)}/jsonapi", next = $"{Base(c)}/jsonapi?page[number]=2" },
        }));
        routes.MapGet("/hubspot", (HttpContext c) => Results.Json(new
        {
            results = new[] { new { id = "51", properties = new { email = "a@b.test" } } },
            paging = new { next = new { after = "NTI1Cg%3D%3D", link = $"{Base(c)}/hubspot?after=NTI1Cg%3D%3D" } },
        }));
        routes.MapGet("/hal", (HttpContext c) => Results.Json(new Dictionary<string, object>
        {
            ["_embedded"] = new { orders = new[] { new { id = 1, total = 30 }, new { id = 2, total = 20 } } },
            ["_links"] = new { self = new { href = "/hal?page=1" }, next = new { href = "/hal?page=2" } },
            ["count"] = 2,
        }));
        routes.MapGet("/odata", (HttpContext c) => Results.Json(new Dictionary<string, object>
        {
            ["@odata.context"] = $"{Base(c)}/$metadata#users",
            ["value"] = new[] { new { id = "u1", displayName = "Ann" } },
            ["@odata.nextLink"] = $"{Base(c)}/odata?$skiptoken=X2",
        }));
        routes.MapPost("/graphql", () => Results.Json(new
        {
            data = new
            {
                users = new
                {
                    nodes = new[] { new { id = "1", login = "ann" } },
                    pageInfo = new { endCursor = "Y3Vyc29yOjE=", hasNextPage = true },
                },
            },
        }));
        routes.MapGet("/stripe", () => Results.Json(new
        {
            @object = "list",
            url = "/v1/customers",
            has_more = true,
            data = new[] { new { id = "cus_1", email = "a@b.test" }, new { id = "cus_2", email = "c@d.test" } },
        }));
        routes.MapGet("/slack", () => Results.Json(new
        {
            ok = true,
            members = new[] { new { id = "U1", name = "ann" }, new { id = "U2", name = "bob" } },
            response_metadata = new { next_cursor = "dXNlcjpVMEc5V0ZYTlo=" },
        }));
        routes.MapGet("/pages", () => Results.Json(new
        {
            items = new[] { new { id = 1 }, new { id = 2 } },
            page = 1,
            per_page = 2,
            total_pages = 3,
        }));
        routes.MapGet("/offset", () => Results.Json(new
        {
            results = new[] { new { id = 1 }, new { id = 2 } },
            total = 5,
            offset = 0,
            limit = 2,
        }));
        routes.MapGet("/cursor", () => Results.Json(new
        {
            data = new[] { new { id = 1 } },
            next_cursor = "b2Zmc2V0OjE=",
        }));
        routes.MapGet("/drf", (HttpContext c) => Results.Json(new
        {
            count = 5,
            next = $"{Base(c)}/drf?page=2",
            previous = (string?)null,
            results = new[] { new { id = 1 } },
        }));
        routes.MapGet("/single", () => Results.Json(new { id = 1, name = "just one object" }));
        routes.MapGet("/secret", (HttpContext c) => c.Request.Headers.Authorization == "Bearer canary-detect-secret"
            ? Results.Json(new { data = new[] { new { id = 1 } }, has_more = false })
            : Results.StatusCode(401));
    });

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
