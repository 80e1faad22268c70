using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Auth;

[Collection(RedisCollection.Name)]
public sealed class AdminKeyTests(RedisFixture redis)
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("GET", "api/runners"),
        ("POST", "api/runners"),
        ("POST", "api/runners/validate"),
        ("GET", "api/runners/rn_abc"),
        ("POST", "api/runners/test"),
        ("POST", "api/runners/rn_abc/test"),
        ("POST", "api/runners/detect"),
        ("GET", "api/schema/runner"),
        ("POST", "api/runners/rn_abc/token"),
        ("GET", "api/runners/rn_abc/token"),
        ("POST", "api/runners/rn_abc/usage-notes"),
        ("GET", "api/runners/rn_abc/usage-notes"),
        ("GET", "api/runners/rn_abc/analytics"),
        ("GET", "api/overview"),
        ("DELETE", "api/runners/rn_abc"),
        ("PUT", "api/runners/rn_abc"),
    ];

    [Fact]
    public async Task EveryEndpoint_WithoutKey_Is401Problem()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        foreach (var (method, path) in Endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            using var response = await host.Anonymous.SendAsync(request);
            var problem = await Json.ProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.EndsWith("/unauthorized", problem.GetProperty("type").GetString());
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task WrongKeyOrScheme_Is401()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        string[] wrong =
        [
            "Bearer wrong-key", "Bearer test-admin-key-012345678", "Bearer test-admin-key-01234567890",
            "Basic dGVzdC1hZG1pbi1rZXktMDEyMzQ1Njc4OQ==", "test-admin-key-0123456789", "Bearer ",
        ];
        foreach (var authorization in wrong)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/runners");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await host.Anonymous.SendAsync(request);
            await Json.ProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task EachConfiguredKey_IsAccepted()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        foreach (var key in new[] { AdminHost.AdminKey, AdminHost.SecondAdminKey })
        {
            using var client = host.NewClient(key);
            using var response = await client.GetAsync(new Uri("api/runners", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task NoKeysConfigured_RefusesEveryCall_AndWarnsAtStart()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, withKeys: false);
        using var response = await host.Client.GetAsync(new Uri("api/runners", UriKind.Relative));
        await Json.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("No admin keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownApiPath_Is404Problem_WithKey()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var response = await host.Client.GetAsync(new Uri("api/nothing-here", UriKind.Relative));
        await Json.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}
