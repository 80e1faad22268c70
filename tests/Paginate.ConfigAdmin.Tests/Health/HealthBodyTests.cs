using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Health;

/// <summary>The probe answers, exactly as before they ran on ASP.NET Core health checks.</summary>
public sealed class HealthBodyTests
{
    [Fact]
    public async Task Probes_AnswerTheSameJson_UpAndDown()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        var live = await ReadAsync(host, "healthz");
        var ready = await ReadAsync(host, "readyz");
        await redis.StopAsync();
        var liveDown = await ReadAsync(host, "healthz");
        var readyDown = await ReadAsync(host, "readyz");

        Assert.Equal((HttpStatusCode.OK, """{"status":"ok"}"""), live);
        Assert.Equal((HttpStatusCode.OK, """{"status":"ready","redis":"connected"}"""), ready);
        Assert.Equal((HttpStatusCode.OK, """{"status":"ok"}"""), liveDown);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, """{"status":"unavailable","redis":"disconnected"}"""), readyDown);
        Assert.DoesNotContain(redis.ConnectionString, host.Logs.All, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, string)> ReadAsync(AdminHost host, string path)
    {
        using var response = await host.Anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
