using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Probes_NeedNoKey_AndReadinessFollowsRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var live = await host.Anonymous.GetAsync(new Uri("healthz", UriKind.Relative));
        using var ready = await host.Anonymous.GetAsync(new Uri("readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        await redis.StopAsync();

        using var liveWithoutRedis = await host.Anonymous.GetAsync(new Uri("healthz", UriKind.Relative));
        using var readyWithoutRedis = await host.Anonymous.GetAsync(new Uri("readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, liveWithoutRedis.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWithoutRedis.StatusCode);
    }
}
