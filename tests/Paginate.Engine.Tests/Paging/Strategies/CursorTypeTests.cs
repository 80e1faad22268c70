using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging.Strategies;

/// <summary>
/// A cursor keeps its JSON type in a body and is text in a query or header (CONTRACT §1), through the real loop
/// against an upstream that validates types the way strict JSON APIs do.
/// </summary>
public sealed class CursorTypeTests
{
    /// <summary>
    /// A strict API: the cursor at <paramref name="pointer"/> of the POST body must be absent (page 1) or a JSON
    /// integer; a string is a 400. Pages 1..3 of two items; <c>next_page</c> is a JSON integer, null on the last.
    /// </summary>
    private static Task<LoopbackUpstream> StrictIntegerApi(string pointer) => LoopbackUpstream.StartAsync("/search", async ctx =>
    {
        using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
        var page = 1;
        if (Find(body.RootElement, pointer) is { } value)
        {
            if (value.ValueKind != JsonValueKind.Number)
            {
                await Respond(ctx, """{"error":"page must be an integer"}""", 400);
                return;
            }

            page = value.GetInt32();
        }

        var next = page < 3 ? (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
        await Respond(ctx, $$"""{"data":{{Items((page * 2) - 1, 2)}},"next_page":{{next}}}""");
    });

    private static JsonElement? Find(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(token, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static RunnerDefinition BodyCursorRunner(LoopbackUpstream upstream, string bodyJson, string pointer, string cursorPath = "next_page") => new()
    {
        Request = new() { Method = "POST", Url = upstream.Url("/search").ToString(), Body = JsonDocument.Parse(bodyJson).RootElement.Clone() },
        Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = cursorPath, CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = pointer } },
        Response = new() { ItemsPath = "data" },
        Limits = FastLimits,
    };

    [Theory]
    [InlineData("""{"q":"x"}""", "/page")]
    [InlineData("""{"query":"query($page:Int){ items(page:$page) { id } }","variables":{"first":2}}""", "/variables/page")]
    public async Task Cursor_IntegerCursorIntoBody_StaysAJsonInteger(string bodyJson, string pointer)
    {
        await using var upstream = await StrictIntegerApi(pointer);

        var outcome = await RunAsync(BodyCursorRunner(upstream, bodyJson, pointer));

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.False(outcome.Result.Partial);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5", "i6"], outcome.Ids());
        var sent = upstream.Requests.Skip(1).Select(r => Find(JsonDocument.Parse(r.Body).RootElement, pointer)!.Value.GetRawText());
        Assert.Equal(["2", "3"], sent);
    }

    [Fact]
    public async Task Script_BodyPutOfAnIntegerCursor_StaysAJsonInteger()
    {
        await using var upstream = await StrictIntegerApi("/variables/page");
        var runner = BodyCursorRunner(upstream, """{"query":"q","variables":{}}""", "/variables/page") with
        {
            Pagination = new()
            {
                Style = PaginationStyles.Script,
                Script = """
                    var next = @response.body.get("/next_page");
                    @pager.stop(next == null);
                    @request.body.put("/variables/page", next);
                    """,
            },
        };

        var outcome = await RunAsync(runner);

        Assert.Equal(StopReasons.ScriptStop, outcome.Result.StopReason);
        Assert.Equal(6, outcome.Items.Count);
        Assert.Equal(["2", "3"], upstream.Requests.Skip(1).Select(r => Find(JsonDocument.Parse(r.Body).RootElement, "/variables/page")!.Value.GetRawText()));
    }

    [Theory]
    [InlineData("12345678901234567890")]
    [InlineData("1.50")]
    [InlineData("-0.0")]
    [InlineData("1e3")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("\"abc\"")]
    [InlineData("{\"id\":{\"S\":\"k1\"},\"n\":2}")]
    [InlineData("[1700000000000,\"doc#7\"]")]
    public async Task Cursor_AnyJsonValueIntoBody_IsSentExactlyAsReceived(string cursorJson)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/search", async ctx =>
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            var first = !body.RootElement.TryGetProperty("after", out _);
            await Respond(ctx, first ? $$"""{"data":{{Items(1, 2)}},"next":{{cursorJson}}}""" : $$"""{"data":{{Items(3, 1)}},"next":null}""");
        });

        var outcome = await RunAsync(BodyCursorRunner(upstream, """{"size":2}""", "/after", "next"));

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
        Assert.Equal(cursorJson, JsonDocument.Parse(upstream.Requests[1].Body).RootElement.GetProperty("after").GetRawText());
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("42", "42")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("\"c_1\"", "c_1")]
    public async Task Cursor_ScalarIntoQueryAndHeader_IsItsText(string cursorJson, string expected)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            var first = ctx.Request.Query["after"].Count == 0 && ctx.Request.Headers["X-After"].Count == 0;
            return Respond(ctx, first ? $$"""{"data":[{"id":{{cursorJson}}}]}""" : """{"data":[]}""");
        });

        foreach (var placement in new[] { ParamPlacement.Query("after"), new ParamPlacement { In = ParamLocations.Header, Name = "X-After" } })
        {
            var outcome = await RunAsync(new RunnerDefinition
            {
                Request = new() { Url = upstream.Url("/items").ToString() },
                Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "$last_item.id", CursorParam = placement },
                Response = new() { ItemsPath = "data" },
                Limits = FastLimits,
            });

            Assert.Equal(2, outcome.Result.Pages);
            Assert.Equal(StopReasons.EmptyPage, outcome.Result.StopReason);
        }

        var requests = upstream.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Equal(expected, requests[1].Query("after"));
        Assert.Equal(expected, requests[3].Header("X-After"));
    }

    [Fact]
    public async Task Cursor_BooleanLastItemId_IsFollowedNotAQuietStop()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            Respond(ctx, ctx.Request.Query["after"].Count == 0 ? """{"data":[{"id":true}]}""" : """{"data":[{"id":null}]}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "$last_item.id", CursorParam = ParamPlacement.Query("after") },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        });

        Assert.Equal(2, outcome.Result.Pages);
        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal(["/items", "/items?after=true"], upstream.Requests.Select(r => r.PathAndQuery));
    }

    [Theory]
    [InlineData("{\"k\":1}", "an object")]
    [InlineData("[1,2]", "an array")]
    public async Task Cursor_ObjectOrArrayIntoQuery_FailsWithUnsupportedCursor(string cursorJson, string described)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            Respond(ctx, $$"""{"data":{{Items(1, 2)}},"next":{{cursorJson}}}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = ParamPlacement.Query("after") },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        });

        Assert.True(outcome.Result.Partial);
        Assert.Equal(StopReasons.UpstreamError, outcome.Result.StopReason);
        Assert.Equal(ErrorCodes.UnsupportedCursor, outcome.Result.ErrorCode);
        Assert.Equal($"The cursor at cursor_path 'next' is {described}; it can be sent only in a JSON body (cursor_param in 'body'), not in a query.", outcome.Result.ErrorDetail);
        Assert.Equal(["i1", "i2"], outcome.Ids());
        Assert.Equal(1, upstream.RequestCount);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Cursor_EmptyValue_StopsWithNoNextPage(string cursorJson)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            Respond(ctx, $$"""{"data":{{Items(1, 2)}},"next":{{cursorJson}}}"""));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = ParamPlacement.Query("after") },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.False(outcome.Result.Partial);
        Assert.Equal(1, upstream.RequestCount);
    }
}
