using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Access;

public sealed class AccessTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly GatewayHost.Settings LoopbackOutside = new() { AllowedNetworks = ["10.0.0.0/8"] };

    private readonly RedisFixture _redis;
    private IConnectionMultiplexer _connection = null!;
    private LoopbackUpstream _upstream = null!;
    private string _runnerId = null!;

    public AccessTests(RedisFixture redis) => _redis = redis;

    public async Task InitializeAsync()
    {
        _connection = RedisConnection.Connect(_redis.ConnectionString);
        _upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
        _runnerId = await TestRunners.PublishAsync(_connection, TestRunners.Simple(_upstream.Url("/items").ToString()));
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _connection.Dispose();
    }

    [Fact]
    public async Task Call_FromAllowlistedAddress_IsServed()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new() { AllowedNetworks = ["127.0.0.0/8"] });

        var response = await gateway.CallAsync(_runnerId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_FromAddressOutsideAllowlist_Is401BeforeAnyUpstreamCall()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, LoopbackOutside);

        var response = await gateway.CallAsync(_runnerId);

        await AssertUnauthorizedAsync(response);
        Assert.Equal(0, _upstream.RequestCount);
    }

    [Fact]
    public async Task Call_SpoofedForwardedForFromUntrustedPeer_IsDenied()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, LoopbackOutside);

        var response = await gateway.CallAsync(_runnerId, headers: [new("X-Forwarded-For", "10.1.2.3")]);

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Call_ForwardedForFromTrustedProxy_IsHonoured()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, LoopbackOutside with { TrustedProxies = ["127.0.0.1"] });

        var allowed = await gateway.CallAsync(_runnerId, headers: [new("X-Forwarded-For", "10.1.2.3")]);
        var outside = await gateway.CallAsync(_runnerId, headers: [new("X-Forwarded-For", "203.0.113.9")]);
        var spoofedLeft = await gateway.CallAsync(_runnerId, headers: [new("X-Forwarded-For", "10.1.2.3, 203.0.113.9")]);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await AssertUnauthorizedAsync(outside);
        await AssertUnauthorizedAsync(spoofedLeft);
    }

    [Fact]
    public async Task Call_Token_ValidServedWrongRefusedRotatedOldRefused()
    {
        var id = await TestRunners.PublishAsync(_connection, TestRunners.Simple(_upstream.Url("/items").ToString()));
        var first = await TestRunners.IssueTokenAsync(_connection, id);
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, LoopbackOutside);

        await Eventually.UntilAsync(() => gateway.CallAsync(id, token: first), r => r.StatusCode == HttpStatusCode.OK, what: "first token accepted");
        await AssertUnauthorizedAsync(await gateway.CallAsync(id, token: first + "x"));
        await AssertUnauthorizedAsync(await gateway.CallAsync(_runnerId, token: first)); // another runner's token

        var second = await TestRunners.IssueTokenAsync(_connection, id);
        await Eventually.UntilAsync(() => gateway.CallAsync(id, token: first), r => r.StatusCode == HttpStatusCode.Unauthorized, what: "old token refused");
        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(id, token: second)).StatusCode);
    }

    [Fact]
    public async Task Call_UnknownRunner_Is404ToAllowedCallerAnd401ToOthers()
    {
        await using var allowedGateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        await using var closedGateway = await GatewayHost.StartAsync(_redis.ConnectionString, LoopbackOutside);

        var allowed = await allowedGateway.CallAsync("rn_doesnotexist");
        var unknownDenied = await closedGateway.CallAsync("rn_doesnotexist", token: "cpt_guess");
        var knownDenied = await closedGateway.CallAsync(_runnerId, token: "cpt_guess");

        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        var unknownBody = await AssertUnauthorizedAsync(unknownDenied);
        var knownBody = await AssertUnauthorizedAsync(knownDenied);
        Assert.Equal(knownBody, unknownBody);
    }

    private static async Task<string> AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.EndsWith("/unauthorized", body.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, body.RootElement.GetProperty("status").GetInt32());
        return text;
    }
}
