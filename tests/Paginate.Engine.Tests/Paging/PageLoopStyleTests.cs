using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary>Every style against realistic response shapes, over real loopback HTTP.</summary>
public sealed class PageLoopStyleTests
{
    [Fact]
    public async Task LinkHeader_GitHubStyle_FollowsRelNextUntilAbsent()
    {
        LoopbackUpstream upstream = null!;
        upstream = await LoopbackUpstream.StartAsync(r => r.Route("/repos/o/r/issues", ctx =>
        {
            var page = int.Parse(Query(ctx, "page") is { Length: > 0 } p ? p : "1", System.Globalization.CultureInfo.InvariantCulture);
            var links = new List<string> { $"<{upstream.Url("/repos/o/r/issues?per_page=2&page=1")}>; rel=\"first\"" };
            if (page == 1)
            {
                links.Add($"<{upstream.Url("/repos/o/r/issues?per_page=2&page=2")}>; rel=\"next\"");
            }
            else if (page == 2)
            {
                // Relative target and a rel with several values.
                links.Add("</repos/o/r/issues?per_page=2&page=3>; rel=\"next last\"");
            }

            ctx.Response.Headers.Append("Link", string.Join(", ", links));
            return Respond(ctx, Items((page * 2) - 1, 2));
        }));
        await using var _ = upstream;

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/repos/o/r/issues?per_page=2").ToString() },
            Pagination = new() { Style = PaginationStyles.LinkHeader },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5", "i6"], outcome.Ids());
        Assert.Equal(3, outcome.Result.Pages);
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task Cursor_StripeHasMoreAndLastItemId_PassesStartingAfterUntilHasMoreFalse()
    {
        var customers = Enumerable.Range(1, 5).Select(n => $"cus_{n}").ToList();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/v1/customers", ctx =>
        {
            var after = Query(ctx, "starting_after");
            var start = after.Length == 0 ? 0 : customers.IndexOf(after) + 1;
            var page = customers.Skip(start).Take(2).ToList();
            var data = string.Join(",", page.Select(id => $"{{\"id\":\"{id}\",\"object\":\"customer\",\"email\":\"{id}@x.test\",\"address\":{{\"city\":\"Paris\"}}}}"));
            var hasMore = start + page.Count < customers.Count ? "true" : "false";
            return Respond(ctx, $"{{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":{hasMore},\"data\":[{data}]}}");
        }));

        var outcome = await RunAsync(
            new RunnerDefinition
            {
                Request = new() { Url = upstream.Url("/v1/customers?limit=2&email={{email}}").ToString(), ForwardHeaders = ["Authorization"], StaticHeaders = new Dictionary<string, string> { ["Stripe-Version"] = "2024-06-20" } },
                Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "$last_item.id", CursorParam = ParamPlacement.Query("starting_after"), HasMorePath = "has_more" },
                Response = new() { ItemsPath = "data" },
                Shape = new() { Mode = ShapeModes.Select, Fields = ["id:id", "city:address.city"] },
                Limits = FastLimits,
            },
            new RunRequest { Values = new Dictionary<string, string> { ["email"] = "a+b@x.test" }, ForwardedHeaders = [new("Authorization", "Bearer sk_test_1")] });

        Assert.Equal(StopReasons.HasMoreFalse, outcome.Result.StopReason);
        Assert.Equal(customers, outcome.Ids());
        Assert.Equal("Paris", outcome.Items[0].GetProperty("city").GetString());
        Assert.Equal(["", "cus_2", "cus_4"], upstream.Requests.Select(q => q.Query("starting_after") ?? ""));
        Assert.All(upstream.Requests, q =>
        {
            Assert.Equal("Bearer sk_test_1", q.Header("Authorization"));
            Assert.Equal("2024-06-20", q.Header("Stripe-Version"));
            Assert.Equal("a+b@x.test", q.Query("email"));
        });
    }

    [Fact]
    public async Task Cursor_HubSpotPagingNextAfter_StopsWhenPagingIsGone()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/crm/v3/objects/contacts", ctx =>
        {
            var after = Query(ctx, "after");
            return after switch
            {
                "" => Respond(ctx, $"{{\"results\":{Items(1, 2)},\"paging\":{{\"next\":{{\"after\":\"NTI1Cg%3D%3D\",\"link\":\"ignored\"}}}}}}"),
                "NTI1Cg%3D%3D" => Respond(ctx, $"{{\"results\":{Items(3, 2)},\"paging\":{{\"next\":{{\"after\":\"1050\"}}}}}}"),
                _ => Respond(ctx, $"{{\"results\":{Items(5, 1)}}}"),
            };
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/crm/v3/objects/contacts?limit=2").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "paging.next.after", CursorParam = ParamPlacement.Query("after") },
            Response = new() { ItemsPath = "results" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], outcome.Ids());
        Assert.Equal(["", "NTI1Cg%3D%3D", "1050"], upstream.Requests.Select(q => q.Query("after") ?? ""));
    }

    [Fact]
    public async Task NextLink_JsonApiLinksNext_ResolvesRelativeLinksAgainstCurrentUrl()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/api/articles", ctx =>
        {
            var number = Query(ctx, "page[number]");
            string Resource(int n) => $"{{\"type\":\"articles\",\"id\":\"{n}\",\"attributes\":{{\"title\":\"T{n}\"}},\"relationships\":{{\"author\":{{\"data\":{{\"type\":\"people\",\"id\":\"9\"}}}}}}}}";
            return number switch
            {
                "" => Respond(ctx, $"{{\"data\":[{Resource(1)},{Resource(2)}],\"links\":{{\"next\":\"/api/articles?page%5Bnumber%5D=2\"}}}}"),
                "2" => Respond(ctx, $"{{\"data\":[{Resource(3)}],\"links\":{{\"next\":{{\"href\":\"?page%5Bnumber%5D=3\"}}}}}}"),
                _ => Respond(ctx, $"{{\"data\":[{Resource(4)}],\"links\":{{\"next\":null}}}}"),
            };
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/api/articles").ToString() },
            Pagination = new() { Style = PaginationStyles.NextLink },
            Response = new() { ItemsPath = "data" },
            Shape = new() { Mode = ShapeModes.FlattenJsonApi },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["1", "2", "3", "4"], outcome.Ids());
        Assert.Equal(["", "?page%5Bnumber%5D=2", "?page%5Bnumber%5D=3"], upstream.Requests.Select(q => q.QueryString));
    }

    [Fact]
    public async Task Cursor_GraphQl_CursorGoesIntoPostBodyVariablesAfter()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/graphql", async ctx =>
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            var after = body.RootElement.GetProperty("variables").TryGetProperty("after", out var a) ? a.GetString() : null;
            var (first, hasNext, end) = after switch
            {
                null => (1, "true", "Y3Vyc29yOjI="),
                "Y3Vyc29yOjI=" => (3, "true", "Y3Vyc29yOjQ="),
                _ => (5, "false", "Y3Vyc29yOjU="),
            };
            var count = first == 5 ? 1 : 2;
            await Respond(ctx, "{\"data\":{\"repository\":{\"issues\":{\"nodes\":" + Items(first, count) + ",\"pageInfo\":{\"endCursor\":\"" + end + "\",\"hasNextPage\":" + hasNext + "}}}}}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new()
            {
                Method = "POST",
                Url = upstream.Url("/graphql").ToString(),
                Body = JsonDocument.Parse("""{"query":"query($after:String){repository(owner:\"{{owner}}\"){issues(first:2,after:$after){nodes{id}}}}","variables":{"first":2}}""").RootElement.Clone(),
            },
            Pagination = new()
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "data.repository.issues.pageInfo.endCursor",
                HasMorePath = "data.repository.issues.pageInfo.hasNextPage",
                CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = "/variables/after" },
            },
            Response = new() { ItemsPath = "data.repository.issues.nodes" },
            Limits = FastLimits,
        }, new RunRequest { Values = new Dictionary<string, string> { ["owner"] = "octo" } });

        Assert.Equal(StopReasons.HasMoreFalse, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], outcome.Ids());
        var bodies = upstream.Requests.Select(q => JsonDocument.Parse(q.Body).RootElement.Clone()).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.False(bodies[0].GetProperty("variables").TryGetProperty("after", out _));
        Assert.Equal("Y3Vyc29yOjI=", bodies[1].GetProperty("variables").GetProperty("after").GetString());
        Assert.Equal(2, bodies[2].GetProperty("variables").GetProperty("first").GetInt32());
        Assert.All(bodies, b => Assert.Contains("owner:\"octo\"", b.GetProperty("query").GetString(), StringComparison.Ordinal));
        Assert.All(upstream.Requests, q => Assert.StartsWith("application/json", q.Header("Content-Type"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offset_PostBodyInputOffset_FollowsNextOffsetUntilHasMoreFalse()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/connectors/hubspot/actions/listContacts/execute", async ctx =>
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            var input = body.RootElement.GetProperty("input");
            var offset = input.GetProperty("offset").GetInt32();
            var limit = input.GetProperty("limit").GetInt32();
            var count = Math.Max(0, Math.Min(limit, 5 - offset));
            var hasMore = offset + count < 5 ? "true" : "false";
            await Respond(ctx, $"{{\"data\":{Items(offset + 1, count)},\"pagination\":{{\"hasMore\":{hasMore},\"nextOffset\":{offset + count}}}}}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new()
            {
                Method = "POST",
                Url = upstream.Url("/connectors/hubspot/actions/listContacts/execute").ToString(),
                Body = JsonDocument.Parse("""{"credentialId":"{{credential}}","actionId":"listContacts","input":{"limit":2,"offset":0}}""").RootElement.Clone(),
            },
            Pagination = new()
            {
                Style = PaginationStyles.Offset,
                OffsetParam = new ParamPlacement { In = ParamLocations.Body, Name = "/input/offset" },
                LimitParam = new ParamPlacement { In = ParamLocations.Body, Name = "/input/limit" },
                Limit = 2,
                NextOffsetPath = "pagination.nextOffset",
                HasMorePath = "pagination.hasMore",
            },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        }, new RunRequest { Values = new Dictionary<string, string> { ["credential"] = "68d98" } });

        Assert.Equal(StopReasons.HasMoreFalse, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], outcome.Ids());
        var offsets = upstream.Requests.Select(q => JsonDocument.Parse(q.Body).RootElement.GetProperty("input").GetProperty("offset").GetInt32());
        Assert.Equal([0, 2, 4], offsets);
        Assert.All(upstream.Requests, q => Assert.Contains("\"credentialId\":\"68d98\"", q.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PageNumber_RootArray_StopsOnShortPage()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            var page = int.Parse(Query(ctx, "page"), System.Globalization.CultureInfo.InvariantCulture);
            var size = int.Parse(Query(ctx, "per_page"), System.Globalization.CultureInfo.InvariantCulture);
            var first = ((page - 1) * size) + 1;
            return Respond(ctx, Items(first, Math.Max(0, Math.Min(size, 5 - first + 1))));
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.PageNumber, PageSize = 2, PageSizeParam = ParamPlacement.Query("per_page") },
            Response = new() { ItemsPath = "" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.ShortPage, outcome.Result.StopReason);
        Assert.Equal(5, outcome.Items.Count);
        Assert.Equal(["1", "2", "3"], upstream.Requests.Select(q => q.Query("page")));
    }

    [Fact]
    public async Task PageNumber_TotalPages_StopsAtTotalWithoutAskingForMore()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/users", ctx =>
        {
            var page = int.Parse(Query(ctx, "page"), System.Globalization.CultureInfo.InvariantCulture);
            return Respond(ctx, $"{{\"page\":{page},\"per_page\":2,\"total\":6,\"total_pages\":3,\"data\":{Items(((page - 1) * 2) + 1, 2)}}}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/users").ToString() },
            Pagination = new() { Style = PaginationStyles.PageNumber, TotalPagesPath = "total_pages" },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.TotalReached, outcome.Result.StopReason);
        Assert.Equal(6, outcome.Items.Count);
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task PageNumber_ApiReportsItsOwnCurrentPage_TrustedOverLocalCounter()
    {
        // Asked for page 1, the API says it served page 3 (e.g. a cursor-backed page number): the next is 4.
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/v2/orders", ctx =>
        {
            var asked = int.Parse(Query(ctx, "page"), System.Globalization.CultureInfo.InvariantCulture);
            var served = asked == 1 ? 3 : asked;
            return Respond(ctx, $"{{\"meta\":{{\"current_page\":\"{served}\",\"last_page\":4}},\"orders\":{Items(served * 10, 2)}}}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/v2/orders").ToString() },
            Pagination = new() { Style = PaginationStyles.PageNumber, CurrentPagePath = "meta.current_page", TotalPagesPath = "meta.last_page" },
            Response = new() { ItemsPath = "orders" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.TotalReached, outcome.Result.StopReason);
        Assert.Equal(["1", "4"], upstream.Requests.Select(q => q.Query("page")));
        Assert.Equal(["i30", "i31", "i40", "i41"], outcome.Ids());
    }

    [Fact]
    public async Task Offset_TotalPath_StopsWhenOffsetReachesTotal()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/search", ctx =>
        {
            var offset = int.Parse(Query(ctx, "from"), System.Globalization.CultureInfo.InvariantCulture);
            var size = int.Parse(Query(ctx, "size"), System.Globalization.CultureInfo.InvariantCulture);
            return Respond(ctx, $"{{\"hits\":{{\"total\":{{\"value\":5}},\"hits\":{Items(offset + 1, Math.Min(size, 5 - offset))}}}}}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/search").ToString() },
            Pagination = new() { Style = PaginationStyles.Offset, OffsetParam = ParamPlacement.Query("from"), LimitParam = ParamPlacement.Query("size"), Limit = 2, TotalPath = "hits.total.value" },
            Response = new() { ItemsPath = "hits.hits" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.TotalReached, outcome.Result.StopReason);
        Assert.Equal(["0", "2", "4"], upstream.Requests.Select(q => q.Query("from")));
        Assert.Equal(5, outcome.Items.Count);
    }

    [Fact]
    public async Task Offset_NoTotalNoHasMore_StopsOnEmptyPage()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/rows", ctx =>
        {
            var offset = int.Parse(Query(ctx, "offset"), System.Globalization.CultureInfo.InvariantCulture);
            return Respond(ctx, $"{{\"rows\":{Items(offset + 1, Math.Max(0, Math.Min(2, 4 - offset)))}}}");
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/rows").ToString() },
            Pagination = new() { Style = PaginationStyles.Offset, Limit = 2 },
            Response = new() { ItemsPath = "rows" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        Assert.Equal(4, outcome.Items.Count);
        Assert.Equal(["2", "2", "2"], upstream.Requests.Select(q => q.Query("limit")));
    }

    [Fact]
    public async Task None_OneRequest_SinglePage()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/all", ctx => Respond(ctx, $"{{\"items\":{Items(1, 3)},\"next\":\"/all?page=2\"}}")));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/all").ToString() },
            Response = new() { ItemsPath = "items" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.SinglePage, outcome.Result.StopReason);
        Assert.Equal(3, outcome.Items.Count);
        Assert.Equal(1, upstream.RequestCount);
        Assert.Equal(200, outcome.Result.UpstreamStatus);
        Assert.Equal("single_page", outcome.Meta!.Value.GetProperty("stop_reason").GetString());
    }
}
