using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Hosting;

[Collection(RedisCollection.Name)]
public sealed class ConfigurationTests(RedisFixture redis)
{
    [Fact]
    public async Task BadConfiguration_FailsAtStart_NamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?> { ["Admin:PublicGatewayUrl"] = "not a url" });
        });
        Assert.Contains("Admin:PublicGatewayUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRedisConnectionString_FailsAtBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AdminApp.Build(["--Admin:ApiKeys:0=k"]));
        Assert.Contains("ConnectionStrings:Redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisDown_Is500Problem_WithoutInternals()
    {
        await using var host = await AdminHost.StartAsync($"127.0.0.1:{RedisServer.FreePort()}");
        using var response = await host.Client.GetAsync(new Uri("api/runners", UriKind.Relative));
        var problem = await Json.ProblemAsync(response, System.Net.HttpStatusCode.InternalServerError);
        Assert.Equal("An unexpected error occurred.", problem.GetProperty("detail").GetString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Redis", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicAdminUrl_IsTheBaseOfTheUiLinks()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?> { ["Admin:PublicAdminUrl"] = "https://admin.example.test/" });
        using var response = await host.PostAsync("api/runners", Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        var body = await Json.ReadAsync(response);
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"https://admin.example.test/runners/{id}", body.GetProperty("management_url").GetString());
        Assert.Equal($"https://admin.example.test/runners/{id}/analytics", body.GetProperty("analytics_url").GetString());
    }
}
