using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.Gateway.Upstream;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using Yarp.ReverseProxy;

namespace Paginate.Gateway.Tests.Upstream;

/// <summary>YARP is the frame: one route, one cluster per upstream origin, calls run on the cluster's client.</summary>
public sealed class UpstreamClustersTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public UpstreamClustersTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Catalog_ThreeRunnersOnTwoOrigins_OneRouteAndOneClusterPerOrigin()
    {
        await using var first = await LoopbackUpstream.StartAsync(routes =>
        {
            routes.Map("/a", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
            routes.Map("/b", ctx => ctx.Response.WriteAsync("""{"data":[{"id":2}]}"""));
        });
        await using var second = await LoopbackUpstream.StartAsync("/c", ctx => ctx.Response.WriteAsync("""{"data":[{"id":3}]}"""));
        // Its own Redis: the catalog holds exactly these three runners.
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(redis.ConnectionString);
        var a = await TestRunners.PublishAsync(connection, TestRunners.Simple(first.Url("/a").ToString()));
        var b = await TestRunners.PublishAsync(connection, TestRunners.Simple(first.Url("/b").ToString()));
        var c = await TestRunners.PublishAsync(connection, TestRunners.Simple(second.Url("/c").ToString()));
        await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString, new GatewayHost.Settings { Extra = ["Gateway:MaxConnectionsPerOrigin=7"] });

        foreach (var id in new[] { a, b, c })
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(id)).StatusCode);
        }

        var state = gateway.Services.GetRequiredService<IProxyStateLookup>();
        var route = Assert.Single(state.GetRoutes());
        Assert.Equal("/r/{runner_id}", route.Config.Match.Path);
        var clusters = state.GetClusters().Select(cl => cl.ClusterId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[] { UpstreamClusters.ClusterIdOf(first.Url("/")), UpstreamClusters.ClusterIdOf(second.Url("/")), UpstreamClusters.RouteClusterId }.Order(StringComparer.Ordinal),
            clusters);
        Assert.True(state.TryGetCluster(UpstreamClusters.ClusterIdOf(first.Url("/")), out var origin));
        Assert.Equal(7, origin!.Model.Config.HttpClient!.MaxConnectionsPerServer);
        Assert.True(origin.Model.Config.HealthCheck!.Passive!.Enabled);
        // HTTP/2 when a TLS upstream offers it, HTTP/1.1 otherwise: pages fetched at once share one connection.
        Assert.Equal(System.Net.HttpVersion.Version20, origin.Model.Config.HttpRequest!.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionOrLower, origin.Model.Config.HttpRequest.VersionPolicy);
        Assert.Equal(1, first.CountFor("/a"));
    }

    [Fact]
    public void ClusterIdOf_SameSchemeHostPort_IsOneIdOtherPortOrSchemeAnother()
    {
        var a = UpstreamClusters.ClusterIdOf(new Uri("https://api.example.com/v1/items?x=1"));
        var b = UpstreamClusters.ClusterIdOf(new Uri("https://API.example.com:443/other"));
        var otherPort = UpstreamClusters.ClusterIdOf(new Uri("https://api.example.com:8443/v1"));
        var otherScheme = UpstreamClusters.ClusterIdOf(new Uri("http://api.example.com/v1"));
        var otherHost = UpstreamClusters.ClusterIdOf(new Uri("https://eu.api.example.com/v1"));

        Assert.Equal(a, b);
        Assert.Equal(5, new HashSet<string> { a, otherPort, otherScheme, otherHost, UpstreamClusters.RouteClusterId }.Count);
    }

    [Fact]
    public async Task Publish_RunnerOnANewOrigin_IsServedThroughItsNewCluster()
    {
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
        var connection = _redis.Connection;
        var state = gateway.Services.GetRequiredService<IProxyStateLookup>();
        Assert.False(state.TryGetCluster(UpstreamClusters.ClusterIdOf(upstream.Url("/")), out _));
        var before = state.GetClusters().Select(cl => cl.ClusterId).ToList();

        var id = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items").ToString()));

        // The first answer for the new runner is already a 200: its cluster is in place before it is served.
        var status = await Eventually.UntilAsync(async () => (await gateway.CallAsync(id)).StatusCode, s => s != HttpStatusCode.NotFound, what: "runner published");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(state.TryGetCluster(UpstreamClusters.ClusterIdOf(upstream.Url("/")), out _));
        // A refresh includes only the origins of the runners it loaded: the clusters of earlier runners stay.
        Assert.All(before, cluster => Assert.True(state.TryGetCluster(cluster, out _)));
    }
}
