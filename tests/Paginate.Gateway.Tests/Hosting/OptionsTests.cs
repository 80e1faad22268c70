using Microsoft.Extensions.Options;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;

namespace Paginate.Gateway.Tests.Hosting;

public sealed class OptionsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public OptionsTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Start_SeveralBadSettings_FailsNamingEveryOne()
    {
        var settings = new GatewayHost.Settings
        {
            AllowedNetworks = ["10.0.0.0/8", "10.0.0.1/8", "not-an-ip"],
            TrustedProxies = ["300.1.1.1"],
            Extra = ["Gateway:MaxConcurrentCalls=0", "Gateway:DrainSeconds=-1"],
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await GatewayHost.StartAsync(_redis.ConnectionString, settings, waitReady: false));

        Assert.Equal(5, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:AllowedNetworks:1: '10.0.0.1/8'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:AllowedNetworks:2: 'not-an-ip'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:TrustedProxies:0: '300.1.1.1'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:MaxConcurrentCalls: 0", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:DrainSeconds: -1", StringComparison.Ordinal));
    }
}
