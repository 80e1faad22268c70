using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.DryRuns;

/// <summary>Dry runs decode through the engine's capped reader: a bad first page is an answer with its error code, never a 500.</summary>
[Collection(RedisCollection.Name)]
public sealed class DryRunHostileUpstreamTests(RedisFixture redis)
{
    [Theory]
    [InlineData("/corrupt-gzip", "invalid_json")]
    [InlineData("/triple-gzip", "unsupported_content_encoding")]
    public async Task Draft_BadBody_AnswersWithTheErrorCode(string path, string errorCode)
    {
        await using var upstream = await HostileUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var config = Infrastructure.Runners.Single(upstream.Url(path));
        config["limits"] = new Dictionary<string, object?> { ["max_retries"] = 0 };

        using var response = await host.PostAsync("api/runners/test", new { config });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(errorCode, body.GetProperty("meta").GetProperty("error_code").GetString());
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        Assert.Equal(1, upstream.RequestCount);
    }

    [Fact]
    public async Task Draft_ConnectionCutMidBody_IsANetworkError()
    {
        await using var upstream = CutMidBodyUpstream.Start();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var config = Infrastructure.Runners.Single(upstream.Url("/items"));
        config["limits"] = new Dictionary<string, object?> { ["max_retries"] = 0 };

        using var response = await host.PostAsync("api/runners/test", new { config });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("network_error", body.GetProperty("meta").GetProperty("error_code").GetString());
        Assert.Equal(1, upstream.Connections);
    }
}
