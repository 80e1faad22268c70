using System.Net;
using Microsoft.AspNetCore.Http;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Running;

/// <summary>No log setting may bring a query string or header value back into the logs.</summary>
public sealed class LogLeakTests : IClassFixture<RedisFixture>
{
    private const string QueryCanary = "CANARYLOGQ6610";
    private const string HeaderCanary = "CANARYLOGH7720";

    private readonly RedisFixture _redis;

    public LogLeakTests(RedisFixture redis) => _redis = redis;

    [Theory]
    // The setting from the report: a provider-specific default outranks every category filter.
    [InlineData("Logging:Console:LogLevel:Default=Information", "Logging:Paginate.TestKit.Logging.CapturedLogs:LogLevel:Default=Information")]
    // Everything at Trace, by category and by provider.
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore=Trace", "Logging:Paginate.TestKit.Logging.CapturedLogs:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Trace")]
    public async Task Call_AnyLogSetting_LogsNeitherQueryNorHeaderValues(string setting, string providerSetting)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
        var connection = _redis.Connection;
        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items?key={{key}}").ToString(), forwardHeaders: ["Authorization"]));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings
        {
            Extra = ["Logging:LogLevel:Default=Trace", setting, providerSetting],
        });

        var ok = await gateway.CallAsync(id, $"?key={QueryCanary}", headers: [new("Authorization", HeaderCanary)]);
        var missing = await gateway.CallAsync(id, $"?other={QueryCanary}", headers: [new("Authorization", HeaderCanary)]);
        await ok.Content.ReadAsStringAsync();
        await missing.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains(QueryCanary, StringComparison.Ordinal) || l.Contains(HeaderCanary, StringComparison.Ordinal));
    }
}
