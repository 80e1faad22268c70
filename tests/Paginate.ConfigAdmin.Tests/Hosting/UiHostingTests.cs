using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Hosting;

[Collection(RedisCollection.Name)]
public sealed class UiHostingTests(RedisFixture redis) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "paginate-ui-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WebUi_IsServedAtRoot_IndexIsNeverCached_AndUiRoutesFallBackToIt()
    {
        Directory.CreateDirectory(Path.Combine(_root, "wwwroot"));
        await File.WriteAllTextAsync(Path.Combine(_root, "wwwroot", "index.html"), "<!doctype html><title>ui-canary</title>");
        await File.WriteAllTextAsync(Path.Combine(_root, "wwwroot", "app.js"), "console.log('app');");
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?> { ["contentRoot"] = _root });

        foreach (var path in new[] { "", "runners/rn_abc", "runners/rn_abc/analytics" })
        {
            using var page = await host.Anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("ui-canary", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.True(page.Headers.CacheControl?.NoCache, $"index.html at '/{path}' must not be cached");
        }

        using var script = await host.Anonymous.GetAsync(new Uri("app.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.NotEqual(true, script.Headers.CacheControl?.NoCache);

        using var api = await host.Client.GetAsync(new Uri("api/not-an-endpoint", UriKind.Relative));
        await Json.ProblemAsync(api, HttpStatusCode.NotFound);
        using var missingFile = await host.Anonymous.GetAsync(new Uri("missing.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
