using Microsoft.Extensions.DependencyInjection;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.Gateway.Upstream;
using Paginate.TestKit.Redis;

namespace Paginate.Gateway.Tests.Upstream;

public sealed class UpstreamClientsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public UpstreamClientsTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task For_SameOriginAnyPath_SharesOneClientOtherOriginGetsItsOwn()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        var clients = gateway.Services.GetRequiredService<UpstreamClients>();

        var a = clients.For(new Uri("https://api.example.com/v1/items?x=1"));
        var b = clients.For(new Uri("https://API.example.com:443/other"));
        var c = clients.For(new Uri("https://api.example.com:8443/v1"));

        Assert.Same(a, b);
        Assert.NotSame(a, c);
    }
}
