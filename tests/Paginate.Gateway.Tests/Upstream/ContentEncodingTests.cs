using System.Net;
using System.Text.Json;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Upstream;

/// <summary>The gateway refuses a hostile Content-Encoding list with a 502 naming it, before decoding anything.</summary>
public sealed class ContentEncodingTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ContentEncodingTests(RedisFixture redis) => _redis = redis;

    private IConnectionMultiplexer Connection => _redis.Connection;

    [Fact]
    public async Task Call_ThousandsOfGzipCodings_Is502_UnsupportedContentEncoding_AskedOnce()
    {
        // The attack seen live: ~11,000 codings in under 64 KiB of headers and an empty body.
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers.ContentEncoding = string.Join(",", Enumerable.Repeat("gzip", 11_000));
            return Task.CompletedTask;
        });
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unsupported_content_encoding", body.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(200, body.RootElement.GetProperty("upstream_status").GetInt32());
        Assert.Equal(1, upstream.RequestCount);
    }
}
