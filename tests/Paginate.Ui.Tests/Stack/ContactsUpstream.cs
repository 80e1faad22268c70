using System.Text.Json.Nodes;
using Paginate.TestKit.Upstream;

namespace Paginate.Ui.Tests.Stack;

/// <summary>
/// The upstream the browser tests configure runners for: <c>GET /v1/contacts?team=..&amp;page=n</c>,
/// three pages of five contacts, JSON:API-free, answering 401 unless the test credential is forwarded.
/// </summary>
internal static class ContactsUpstream
{
    public const int Pages = 3;
    public const int PerPage = 5;

    /// <summary>The upstream credential: a canary that must never be stored or shown after the test run.</summary>
    public const string Credential = "Bearer up-canary-7f3a9c51";

    public static Task<LoopbackUpstream> StartAsync() => LoopbackUpstream.StartAsync(routes =>
        routes.MapGet("/v1/contacts", (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != Credential)
            {
                return Results.Json(new { error = "unauthorized" }, statusCode: 401);
            }

            var page = int.TryParse(context.Request.Query["page"], out var p) && p > 0 ? p : 1;
            var team = context.Request.Query["team"].ToString();
            var data = new JsonArray();
            if (page <= Pages)
            {
                for (var i = 1; i <= PerPage; i++)
                {
                    var n = ((page - 1) * PerPage) + i;
                    data.Add(new JsonObject
                    {
                        ["id"] = $"c_{n}",
                        ["email"] = $"person{n}@example.test",
                        ["company"] = new JsonObject { ["name"] = $"{team} company {n}" },
                    });
                }
            }

            return Results.Json(new JsonObject
            {
                ["data"] = data,
                ["meta"] = new JsonObject { ["page"] = page, ["total_pages"] = Pages },
            });
        }));
}
