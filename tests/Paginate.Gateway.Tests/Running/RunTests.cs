using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Running;

public sealed class RunTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public RunTests(RedisFixture redis) => _redis = redis;

    private IConnectionMultiplexer Connection => _redis.Connection;

    [Fact]
    public async Task Call_SinglePage_StreamsItemsAndMeta()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1},{"id":2}]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items?q={{q}}").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id, "?q=hello%20world");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("items").GetArrayLength());
        var meta = body.RootElement.GetProperty("meta");
        Assert.Equal(id, meta.GetProperty("runner_id").GetString());
        Assert.Equal(1, meta.GetProperty("pages").GetInt32());
        Assert.Equal(2, meta.GetProperty("items").GetInt32());
        Assert.Equal(200, meta.GetProperty("upstream_status").GetInt32());
        Assert.False(meta.GetProperty("partial").GetBoolean());
        Assert.Equal("hello world", upstream.Requests.Single().Query("q"));
    }

    [Fact]
    public async Task CallLine_IsDebugForASuccessfulCall_AndInformationForAFailedOne()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r =>
        {
            r.Map("/ok", ctx => ctx.Response.WriteAsync("""{"data":[{"id":1}]}"""));
            r.Map("/down", ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            });
        });
        var ok = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/ok").ToString()));
        var down = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/down").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, (await gateway.CallAsync(ok)).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await gateway.CallAsync(down)).StatusCode);

        const string CallLine = "Paginate.Gateway.Running.PaginationMiddleware[2001]";
        Assert.Equal("Debug", Assert.Single(gateway.Logs.Lines, l => l.Contains(CallLine, StringComparison.Ordinal) && l.Contains(ok, StringComparison.Ordinal)).Split(' ')[0]);
        Assert.Equal("Information", Assert.Single(gateway.Logs.Lines, l => l.Contains(CallLine, StringComparison.Ordinal) && l.Contains(down, StringComparison.Ordinal)).Split(' ')[0]);
    }

    [Fact]
    public async Task Call_PlaceholdersFromJsonBody_FillWhatTheQueryLacks()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items?a={{a}}&n={{n}}&b={{b}}").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id, "?a=fromquery", body: JsonContent.Create(new { a = "frombody", n = 42, b = true }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = upstream.Requests.Single();
        Assert.Equal("fromquery", seen.Query("a"));
        Assert.Equal("42", seen.Query("n"));
        Assert.Equal("true", seen.Query("b"));
    }

    [Fact]
    public async Task Call_MissingPlaceholder_Is400NamingOnlyTheName()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items?email={{email}}&key={{api_key}}").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id, "?email=secret-canary-value");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("api_key", body.RootElement.GetProperty("placeholder").GetString());
        Assert.Contains("api_key", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-canary-value", text, StringComparison.Ordinal);
        Assert.Equal(0, upstream.RequestCount);
    }

    [Fact]
    public async Task Call_PlaceholderValueClimbingThePath_Is400NamingOnlyTheName()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/accounts/{id}/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/accounts/{{account}}/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id, "?account=..");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith("/invalid_placeholder", body.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("account", body.RootElement.GetProperty("placeholder").GetString());
        Assert.Equal(0, upstream.RequestCount);
    }

    [Fact]
    public async Task Call_FirstPage500_Is502ProblemWithUpstreamStatus()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            ctx.Response.StatusCode = 500;
            return ctx.Response.WriteAsync("boom");
        });
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(500, body.RootElement.GetProperty("upstream_status").GetInt32());
        Assert.Equal("upstream_status", body.RootElement.GetProperty("error_code").GetString());
        Assert.EndsWith("/upstream_error", body.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_FirstPageTimesOut_Is504Problem()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted);
            await ctx.Response.WriteAsync("{}");
        });
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Limits = new LimitsSpec { MaxRetries = 0, PageTimeoutMs = 300, TotalTimeoutMs = 300 },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("timeout", body.RootElement.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Call_LaterPageFails_ReturnsPartialAnswer()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx =>
        {
            if (ctx.Request.Query["page"] == "2")
            {
                ctx.Response.StatusCode = 500;
                return Task.CompletedTask;
            }

            return ctx.Response.WriteAsync("""{"data":[{"id":1}]}""");
        });
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Pagination = new PaginationSpec { Style = PaginationStyles.PageNumber },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("items").GetArrayLength());
        var meta = body.RootElement.GetProperty("meta");
        Assert.True(meta.GetProperty("partial").GetBoolean());
        Assert.Equal("upstream_error", meta.GetProperty("stop_reason").GetString());
        Assert.Equal("upstream_status", meta.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Call_ForwardHeaders_OnlyListedNamesGoUpstreamAndNeverTheToken()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString(), forwardHeaders: ["Authorization"]));
        var token = await TestRunners.IssueTokenAsync(Connection, id);
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString, new GatewayHost.Settings { AllowedNetworks = ["10.0.0.0/8"] });

        var response = await Eventually.UntilAsync(
            () => gateway.CallAsync(id, token: token, headers: [new("Authorization", "Bearer up-secret"), new("X-Other", "not-forwarded")]),
            r => r.StatusCode == HttpStatusCode.OK, what: "token accepted");

        var seen = upstream.Requests.Single();
        Assert.Equal("Bearer up-secret", seen.Header("Authorization"));
        Assert.Null(seen.Header("X-Other"));
        Assert.Null(seen.Header("x-clay-paginate-token"));
        Assert.DoesNotContain(token, string.Join('\n', seen.Headers.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ClientHangsUp_StopsUpstreamRequests()
    {
        // An endless, slow page_number upstream: only the caller hanging up can stop this run early.
        await using var upstream = await LoopbackUpstream.StartAsync("/items", async ctx =>
        {
            await Task.Delay(100, ctx.RequestAborted);
            // Each page differs (its number), or stop_on_repeated_page would end the run at page 2.
            await ctx.Response.WriteAsync($$"""{"page":"{{ctx.Request.Query["page"]}}","data":[{"id":1},{"id":2}]}""", ctx.RequestAborted);
        });
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items").ToString()) with
        {
            Pagination = new PaginationSpec { Style = PaginationStyles.PageNumber },
            Limits = new LimitsSpec { MaxPages = 1000, MaxRetries = 0, TotalTimeoutMs = 900_000 },
        });
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        using (var cts = new CancellationTokenSource())
        {
            var response = await gateway.CallAsync(id, cancellationToken: cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Eventually.UntilAsync(() => Task.FromResult(upstream.RequestCount), n => n >= 3, what: "a few pages fetched");
            cts.Cancel();
            response.Dispose();
        }

        // The run is over once the gateway logs the hang-up (after the loop returned): from then on no request
        // can start, so once none is in flight the count is final.
        await Eventually.UntilAsync(
            () => Task.FromResult(gateway.Logs.Lines.Count(l => l.Contains(id, StringComparison.Ordinal) && l.Contains("caller hung up", StringComparison.Ordinal))),
            n => n == 1, what: "run ended as client_cancelled");
        await Eventually.UntilAsync(() => Task.FromResult(upstream.InFlight), n => n == 0, what: "no upstream request in flight");
        var final = upstream.RequestCount;
        Assert.InRange(final, 3, 100);
        var metrics = await gateway.Management.GetStringAsync("/metrics");
        Assert.Equal("1", Telemetry.MetricsTests.Sample(metrics, "paginate_calls_total", $"runner_id=\"{id}\"", "stop_reason=\"client_cancelled\""));
    }

    [Fact]
    public async Task Call_InvalidJsonBodyWhilePlaceholderMissing_Is400WithoutEcho()
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => ctx.Response.WriteAsync("""{"data":[]}"""));
        var id = await TestRunners.PublishAsync(Connection, TestRunners.Simple(upstream.Url("/items?a={{a}}").ToString()));
        await using var gateway = await GatewayHost.StartAsync(_redis.ConnectionString);

        var response = await gateway.CallAsync(id, body: new StringContent("{\"a\": canary-broken", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("canary-broken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
