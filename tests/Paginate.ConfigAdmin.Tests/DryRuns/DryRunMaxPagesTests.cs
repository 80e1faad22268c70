using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.ConfigAdmin.Tests.DryRuns;

/// <summary>CONTRACT §3 v2: a test's <c>max_pages</c> defaults to the runner's own, at most 50.</summary>
[Collection(RedisCollection.Name)]
public sealed class DryRunMaxPagesTests(RedisFixture redis)
{
    /// <summary>An API that always has a next page (one item per page), so only a page cap ends a run.</summary>
    private static Task<LoopbackUpstream> EndlessAsync() => LoopbackUpstream.StartAsync(routes =>
        routes.MapGet("/items", (HttpContext context) =>
        {
            var page = int.TryParse(context.Request.Query["page"], out var p) ? p : 1;
            return Results.Json(new { data = new[] { new { id = page } } });
        }));

    private static Dictionary<string, object?> Endless(LoopbackUpstream upstream, int? maxPages)
    {
        var runner = Infrastructure.Runners.PageNumber(upstream.Url("/items"), pageSize: 1);
        if (maxPages is { } cap)
        {
            ((Dictionary<string, object?>)runner["limits"]!)["max_pages"] = cap;
        }

        return runner;
    }

    [Fact]
    public async Task Draft_WithoutMaxPages_FetchesTheRunnersMaxPages()
    {
        await using var upstream = await EndlessAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var response = await host.PostAsync("api/runners/test", new { config = Endless(upstream, maxPages: 12) });
        var body = await Json.ReadAsync(response);

        Assert.Equal(12, body.GetProperty("meta").GetProperty("pages").GetInt32());
        Assert.Equal("max_pages", body.GetProperty("meta").GetProperty("stop_reason").GetString());
        Assert.Equal(12, upstream.RequestCount);
    }

    [Fact]
    public async Task Draft_WithoutMaxPages_RunnerAbove50_StopsAt50()
    {
        await using var upstream = await EndlessAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);

        using var response = await host.PostAsync("api/runners/test", new { config = Endless(upstream, maxPages: 200) });
        var body = await Json.ReadAsync(response);

        Assert.Equal(50, body.GetProperty("meta").GetProperty("pages").GetInt32());
        Assert.Equal(50, upstream.RequestCount);
    }

    [Fact]
    public async Task Saved_MaxPagesAbove50_Is400NamingTheField()
    {
        await using var upstream = await EndlessAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Endless(upstream, maxPages: 200));

        using var response = await host.PostAsync($"api/runners/{id}/test", new { max_pages = 51 });
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal(
            "must be a whole number from 1 to 50; leave it out to use the runner's max pages.",
            Json.Errors(problem, "max_pages")[0]);
        Assert.Equal(0, upstream.RequestCount);
    }
}
