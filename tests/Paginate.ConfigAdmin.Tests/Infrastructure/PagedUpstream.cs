using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit.Upstream;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// A loopback API with 5 customers, 2 per page (<c>/customers?page=N</c>), that wants header
/// <c>X-Api-Key</c> = <see cref="ApiKey"/> (401 otherwise), and <c>/broken</c> that always answers 500.
/// </summary>
public static class PagedUpstream
{
    public const string ApiKey = "canary-upstream-key-7f3a9c";

    public static Task<LoopbackUpstream> StartAsync() => LoopbackUpstream.StartAsync(routes =>
    {
        routes.MapGet("/customers", (HttpContext context) =>
        {
            if (context.Request.Headers["X-Api-Key"] != ApiKey)
            {
                return Results.Json(new { error = "unauthorized" }, statusCode: 401);
            }

            var page = int.TryParse(context.Request.Query["page"], out var p) ? p : 1;
            var all = Enumerable.Range(1, 5).Select(i => new { id = $"cus_{i}", email = $"user{i}@example.test" }).ToList();
            return Results.Json(new { data = all.Skip((page - 1) * 2).Take(2), page });
        });
        routes.MapGet("/broken", () => Results.Json(new { error = "boom" }, statusCode: 500));
    });

    /// <summary>A runner over <c>/customers</c> with an <c>{{email}}</c> placeholder and the key forwarded.</summary>
    public static Dictionary<string, object?> Runner(LoopbackUpstream upstream, string name = "Customers") =>
        Runners.PageNumber(upstream.Url("/customers?email={{email}}"), name, ["X-Api-Key"], pageSize: 2);
}
