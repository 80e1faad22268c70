using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Gateway.Tests.Running;

/// <summary>Canary values sent through many kinds of calls must reach no Redis key or value, log line, metric or error body.</summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private const string HeaderCanary = "Bearer CANARYHDR7731";
    private const string PlaceholderCanary = "CANARYPH4412";
    private const string BodyCanary = "CANARYBODY9051";
    private const string QueryCanary = "CANARYQ2290";
    private const string WrongTokenCanary = "cpt_CANARYWRONGTOKEN5518";

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Canaries_ThroughADozenCalls_AppearNowhere()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(routes =>
        {
            routes.Map("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}"""));
            routes.Map("/fail", ctx =>
            {
                ctx.Response.StatusCode = 500;
                return ctx.Response.WriteAsync("upstream says no");
            });
        });
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var ok = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/items?key={{key}}&b={{b}}").ToString(), forwardHeaders: ["Authorization"]));
        var failing = await TestRunners.PublishAsync(connection, TestRunners.Simple(upstream.Url("/fail?key={{key}}").ToString(), forwardHeaders: ["Authorization"]));
        var closedPort = RedisServer.FreePort();
        var unreachable = await TestRunners.PublishAsync(connection, TestRunners.Simple($"http://127.0.0.1:{closedPort}/x?key={{{{key}}}}", forwardHeaders: ["Authorization"]));
        var token = await TestRunners.IssueTokenAsync(connection, ok);
        await using var open = await GatewayHost.StartAsync(_redis.ConnectionString);
        await using var closed = await GatewayHost.StartAsync(_redis.ConnectionString, new() { AllowedNetworks = ["10.0.0.0/8"] });
        await Eventually.UntilAsync(() => closed.CallAsync(ok, "?key=x&b=y", token: token), r => r.StatusCode == HttpStatusCode.OK, what: "token loaded");

        HttpHeadersList auth = [new("Authorization", HeaderCanary)];
        var query = $"?key={PlaceholderCanary}&b=1&extra={QueryCanary}";
        var bodies = new List<string>();
        async Task CallAsync(GatewayHost gateway, string id, string q, string? t = null, HttpContent? body = null, HttpStatusCode? expected = null)
        {
            var response = await gateway.CallAsync(id, q, token: t, body: body, headers: auth);
            var text = await response.Content.ReadAsStringAsync();
            bodies.Add(text);
            if (expected is { } status)
            {
                Assert.Equal(status, response.StatusCode);
            }
        }

        await CallAsync(open, ok, query, expected: HttpStatusCode.OK);
        await CallAsync(open, ok, query, expected: HttpStatusCode.OK);
        await CallAsync(open, ok, "?extra=" + QueryCanary, body: JsonContent.Create(new { key = BodyCanary, b = PlaceholderCanary }), expected: HttpStatusCode.OK);
        await CallAsync(open, ok, $"?key={PlaceholderCanary}", expected: HttpStatusCode.BadRequest); // b missing
        await CallAsync(open, failing, query, expected: HttpStatusCode.BadGateway);
        await CallAsync(open, unreachable, query, expected: HttpStatusCode.BadGateway);
        await CallAsync(open, "rn_nope", query, expected: HttpStatusCode.NotFound);
        await CallAsync(closed, ok, query, t: token, expected: HttpStatusCode.OK);
        await CallAsync(closed, ok, query, t: WrongTokenCanary, expected: HttpStatusCode.Unauthorized);
        await CallAsync(closed, "rn_nope", query, t: WrongTokenCanary, expected: HttpStatusCode.Unauthorized);
        await CallAsync(closed, failing, query, t: token, expected: HttpStatusCode.Unauthorized);
        await CallAsync(closed, ok, query, t: token, body: JsonContent.Create(new { key = BodyCanary }), expected: HttpStatusCode.OK);

        // Call records are written off the request path: wait until they are in before looking.
        await Eventually.UntilAsync(() => _redis.CommandAsync("LLEN", RedisKeys.Calls(ok).ToString()), r => int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture) >= 5, what: "call records written");
        await Eventually.UntilAsync(() => _redis.CommandAsync("LLEN", RedisKeys.Calls(unreachable).ToString()), r => r[0] == "1", what: "error record written");

        string[] canaries = [HeaderCanary, "CANARYHDR7731", PlaceholderCanary, BodyCanary, QueryCanary, WrongTokenCanary, token];
        var redisDump = await _redis.DumpAllAsync();
        var logs = open.Logs.All + "\n" + closed.Logs.All;
        var metrics = await open.Management.GetStringAsync("/metrics") + await closed.Management.GetStringAsync("/metrics");
        var answers = string.Join('\n', bodies.Skip(3)); // the first answers carry items only; error bodies follow
        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(canary, redisDump, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, metrics, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, answers, StringComparison.Ordinal);
        }

        Assert.Contains("paginate:calls:" + ok, redisDump, StringComparison.Ordinal);
        Assert.Contains(ok, logs, StringComparison.Ordinal);
        Assert.NotEmpty(open.Logs.Lines);
    }

    private sealed class HttpHeadersList : List<KeyValuePair<string, string>>;
}
