using System.Net;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;

namespace Paginate.Gateway.Tests.Hosting;

public sealed class ListenerTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ListenerTests(RedisFixture redis) => _redis = redis;

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task ManagementPaths_OnPublicListener_AreNotFound(string path)
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Public.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Management.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task RunnerRoute_OnManagementListener_IsNotFound()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.Management.GetAsync("/r/rn_anything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_AfterFirstLoad_IsReadyWithCatalogFresh()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var body = await (await gateway.Management.GetAsync("/readyz")).Content.ReadAsStringAsync();

        Assert.Contains("\"status\":\"ready\"", body, StringComparison.Ordinal);
        Assert.Contains("\"catalog\":\"fresh\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_RedisNeverReachable_IsServiceUnavailable()
    {
        var deadPort = RedisServer.FreePort();
        await using var gateway = await GatewayHost.StartAsync($"127.0.0.1:{deadPort},connectTimeout=200", waitReady: false);

        var response = await gateway.Management.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Management.GetAsync("/healthz")).StatusCode);
    }
}
