using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Engine.Upstream;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Upstream;

public sealed class SsrfTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public SsrfTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Call_RunnerResolvingToLoopbackWithPrivateUpstreamsOff_IsRefusedAsUpstreamBlocked()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        // Validation refuses literal loopback addresses and localhost, so use this machine's own name, which
        // resolves to this machine's own (loopback or private) addresses: only the connect-time check can catch it.
        var host = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(host);
        Assert.True(addresses.Length > 0 && addresses.All(UpstreamAddressPolicy.IsBlocked), $"precondition: {host} resolves to non-public addresses only: {string.Join(",", addresses.Select(a => a.ToString()))}");
        var id = await TestRunners.WriteQuietlyAsync(_redis.Server, TestRunners.Simple($"https://{host}:{upstream.BaseUri.Port}/items"));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new() { AllowPrivateUpstreams = false });

        var response = await Eventually.UntilAsync(() => gateway.CallAsync(id), r => r.StatusCode != HttpStatusCode.NotFound, what: "runner loaded");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("upstream_blocked", body.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(0, upstream.RequestCount);
    }

    [Fact]
    public async Task Load_LiteralLoopbackRunnerWithPrivateUpstreamsOff_IsNotServed()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var id = await TestRunners.WriteQuietlyAsync(_redis.Server, TestRunners.Simple(upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new() { AllowPrivateUpstreams = false });

        var response = await gateway.CallAsync(id);

        // The compiler refuses it on load (http, loopback literal): it never becomes callable.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, upstream.RequestCount);
    }
}
