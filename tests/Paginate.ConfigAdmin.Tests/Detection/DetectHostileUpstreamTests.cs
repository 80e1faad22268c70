using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Detection;

/// <summary>Detection reads the first page through the gateway's capped decoder and answers a clean 502 on a bad body.</summary>
[Collection(RedisCollection.Name)]
public sealed class DetectHostileUpstreamTests(RedisFixture redis)
{
    [Theory]
    [InlineData("/corrupt-gzip", "compressed body is corrupt")]
    [InlineData("/triple-gzip", "3 content codings")]
    [InlineData("/bomb", "larger than 2 MiB once decoded")]
    public async Task Detect_BadBody_IsA502Problem_NamingWhy(string path, string why)
    {
        await using var upstream = await HostileUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var response = await host.PostAsync("api/runners/detect", new { request = new { url = upstream.Url(path).ToString() } });

        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, problem.GetProperty("upstream_status").GetInt32());
        Assert.Equal("gzip, deflate, br", upstream.Requests[0].Header("Accept-Encoding"));
    }

    [Fact]
    public async Task Detect_ConnectionCutMidBody_IsA502Problem()
    {
        await using var upstream = CutMidBodyUpstream.Start();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var response = await host.PostAsync("api/runners/detect", new { request = new { url = upstream.Url("/items").ToString() } });

        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("The connection to the upstream broke while the first page was read.", problem.GetProperty("detail").GetString());
        Assert.Equal(200, problem.GetProperty("upstream_status").GetInt32());
        Assert.Equal(1, upstream.Connections);
    }
}
