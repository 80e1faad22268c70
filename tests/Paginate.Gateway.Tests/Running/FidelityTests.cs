using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Running;

/// <summary>Real-API fidelity through the gateway, against real upstreams as strict as the APIs that found the faults.</summary>
public sealed class FidelityTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public FidelityTests(RedisFixture redis) => _redis = redis;

    private IConnectionMultiplexer Connection => _redis.Connection;

    private static async Task WriteAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    [Fact]
    public async Task Cursor_IntegerIntoAStrictGraphQlBody_WalksEveryPage()
    {
        // Like a GraphQL API with an Int page argument: a string in variables.page is a 400.
        await using var upstream = await LoopbackUpstream.StartAsync("/graphql", async ctx =>
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            var page = 1;
            if (body.RootElement.GetProperty("variables").TryGetProperty("page", out var value))
            {
                if (value.ValueKind != JsonValueKind.Number)
                {
                    await WriteAsync(ctx, """{"errors":[{"message":"Variable $page got invalid value; Int cannot represent a non-integer value"}]}""", 400);
                    return;
                }

                page = value.GetInt32();
            }

            var next = page < 3 ? (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
            await WriteAsync(ctx, $$$"""{"data":{"items":[{"id":{{{(page * 2) - 1}}}},{"id":{{{page * 2}}}}],"next_page":{{{next}}}}}""");
        });

        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/graphql").ToString()) with
        {
            Request = new RequestSpec
            {
                Method = "POST",
                Url = upstream.Url("/graphql").ToString(),
                Body = JsonDocument.Parse("""{"query":"query($page:Int){ items(page:$page) { id } }","variables":{"first":2}}""").RootElement.Clone(),
            },
            Pagination = new PaginationSpec
            {
                Style = PaginationStyles.Cursor,
                CursorPath = "data.next_page",
                CursorParam = new ParamPlacement { In = ParamLocations.Body, Name = "/variables/page" },
            },
            Response = new ResponseSpec { ItemsPath = "data.items" },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([1, 2, 3, 4, 5, 6], answer.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        var meta = answer.RootElement.GetProperty("meta");
        Assert.False(meta.GetProperty("partial").GetBoolean());
        Assert.Equal("no_next_page", meta.GetProperty("stop_reason").GetString());
        Assert.False(meta.TryGetProperty("error_code", out _));
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task ItemsNull_OnTheFirstPage_IsA200WithNoItems()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/users", ctx => WriteAsync(ctx, """{"data":null,"next_token":null}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/users").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, answer.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(0, answer.RootElement.GetProperty("meta").GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task StaticContentTypeOnAGet_IsSentInsteadOfA500()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => WriteAsync(ctx, """{"data":[{"id":1}]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString(), ["Content-Language"]) with
        {
            Request = new RequestSpec
            {
                Url = upstream.Url("/items").ToString(),
                StaticHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/vnd.api+json" },
                ForwardHeaders = ["Content-Language"],
            },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        // A content header of the incoming call travels on its (empty) content.
        using var call = new HttpRequestMessage(HttpMethod.Get, $"/r/{id}") { Content = new ByteArrayContent([]) };
        call.Content.Headers.ContentLanguage.Add("fr");
        var response = await gateway.Public.SendAsync(call);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = upstream.Requests.Single();
        Assert.Equal("GET", sent.Method);
        Assert.Equal("application/vnd.api+json", sent.Header("Content-Type"));
        Assert.Equal("fr", sent.Header("Content-Language"));
    }

    [Fact]
    public async Task TypedSelectFields_ConvertAndReportTypeErrors()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
            WriteAsync(ctx, """{"data":[{"id":"7","price":"12.50"},{"id":"x","price":3}]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Shape = new ShapeSpec { Mode = ShapeModes.Select, Fields = ["id:id:integer", "price:price:string"] },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["""{"id":7,"price":"12.50"}""", """{"id":null,"price":"3"}"""],
            answer.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetRawText()));
        Assert.Equal(1, answer.RootElement.GetProperty("meta").GetProperty("type_errors").GetInt32());
    }
}
