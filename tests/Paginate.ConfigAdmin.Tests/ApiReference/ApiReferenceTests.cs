using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.ApiReference;

[Collection(RedisCollection.Name)]
public sealed class ApiReferenceTests(RedisFixture redis)
{
    [Fact]
    public async Task Reference_WithTheAdminKey_IsAScalarPageOverTheOpenApiDocument()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var page = await host.Client.GetAsync(new Uri("reference/v1", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Paginate config-admin API", html, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminHost.AdminKey, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_WithoutOrWithAWrongKey_Is401_OnlyTheBundledScriptIsPublic()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var wrong = host.NewClient("not-an-admin-key");

        using var anonymous = await host.Anonymous.GetAsync(new Uri("reference/v1", UriKind.Relative));
        using var badKey = await wrong.GetAsync(new Uri("reference/v1", UriKind.Relative));
        using var script = await host.Anonymous.GetAsync(new Uri("reference/scalar.js", UriKind.Relative));

        await Json.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await Json.ProblemAsync(badKey, HttpStatusCode.Unauthorized);
        // Scalar serves its own script outside the page's endpoint; it is the same for everyone and holds no data.
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }
}
