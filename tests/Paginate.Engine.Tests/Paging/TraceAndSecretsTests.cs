using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary>Forwarded header values and placeholder values never reach a trace, an error detail or a ToString.</summary>
public sealed class TraceAndSecretsTests
{
    private const string KeyCanary = "CANARY-key-7f3a";
    private const string AccountCanary = "acct-CANARY-9b1";
    private const string HeaderCanary = "CANARY-hdr-42c8";

    private static readonly RunRequest Secrets = new()
    {
        Values = new Dictionary<string, string> { ["key"] = KeyCanary + " +&=", ["account"] = AccountCanary },
        ForwardedHeaders = [new("Authorization", "Bearer " + HeaderCanary), new("X-Api-Key", HeaderCanary + "-x")],
        Trace = true,
    };

    private static void AssertNoCanary(string? text)
    {
        Assert.NotNull(text);
        Assert.DoesNotContain("CANARY", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(LoopOutcome Outcome, LoopbackUpstream Upstream)> RunEchoingAsync()
    {
        // Page 3 fails and echoes back everything it was sent: URL, headers, body.
        var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/v1/{account}/items", ctx =>
        {
            var page = Query(ctx, "page");
            if (page == "3")
            {
                var echo = $"bad key {ctx.Request.Query["key"]} for {ctx.Request.Path} ({ctx.Request.QueryString}); auth={ctx.Request.Headers.Authorization}; x={ctx.Request.Headers["X-Api-Key"]}";
                return Respond(ctx, JsonSerializer.Serialize(new { error = echo }), 401);
            }

            return Respond(ctx, "{\"data\":" + Items(page == "1" ? 1 : 3, 2) + "}");
        }));

        var outcome = await RunAsync(
            new RunnerDefinition
            {
                Request = new() { Url = upstream.Url("/v1/{{account}}/items?key={{key}}&limit=2").ToString(), ForwardHeaders = ["Authorization", "X-Api-Key"] },
                Pagination = new() { Style = PaginationStyles.PageNumber },
                Response = new() { ItemsPath = "data" },
                Limits = FastLimits,
            },
            Secrets);
        return (outcome, upstream);
    }

    [Fact]
    public async Task Trace_OneEntryPerPage_StopReasonOnLast_UrlsMasked()
    {
        var (outcome, upstream) = await RunEchoingAsync();
        await using var _ = upstream;

        var trace = outcome.Result.Trace!;
        Assert.Equal([1, 2, 3], trace.Select(t => t.Page));
        Assert.Equal([200, 200, 401], trace.Select(t => t.Status));
        Assert.Equal([2, 2, 0], trace.Select(t => t.Items));
        Assert.Equal([null, null, StopReasons.UpstreamError], trace.Select(t => t.StopReason));
        Assert.All(trace, t => Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1/\*\*\*/items\?key=\*\*\*&limit=\*\*\*&page=\*\*\*$", t.Url));

        // The upstream really got the secrets: the masking is ours, not an empty request.
        Assert.Equal("Bearer " + HeaderCanary, upstream.Requests[0].Header("Authorization"));
        Assert.Equal(KeyCanary + " +&=", upstream.Requests[0].Query("key"));
    }

    [Fact]
    public async Task ErrorDetailAndWholeResult_HoldNoSecret_EvenWhenTheUpstreamEchoesThem()
    {
        var (outcome, upstream) = await RunEchoingAsync();
        await using var _ = upstream;

        Assert.Equal(ErrorCodes.UpstreamStatus, outcome.Result.ErrorCode);
        Assert.Contains("bad key ***", outcome.Result.ErrorDetail, StringComparison.Ordinal);
        AssertNoCanary(outcome.Result.ErrorDetail);
        AssertNoCanary(JsonSerializer.Serialize(outcome.Result));
        AssertNoCanary(outcome.Result.ToString());
        AssertNoCanary(Secrets.ToString());
    }

    [Fact]
    public async Task Trace_Off_IsNull()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/x", ctx => Respond(ctx, "[]")));
        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = upstream.Url("/x").ToString() }, Limits = FastLimits });
        Assert.Null(outcome.Result.Trace);
    }

    [Fact]
    public async Task FirstPageNetworkFault_DetailHoldsNoSecret()
    {
        string url;
        await using (var gone = await LoopbackUpstream.StartAsync(r => r.Route("/x", ctx => Respond(ctx, "[]"))))
        {
            url = gone.BaseUri + "x?key={{key}}";
        }

        var outcome = await RunAsync(new RunnerDefinition { Request = new() { Url = url, ForwardHeaders = ["Authorization"] }, Limits = FastLimits with { MaxRetries = 0 } }, Secrets);

        Assert.Equal(ErrorCodes.NetworkError, outcome.Result.ErrorCode);
        AssertNoCanary(JsonSerializer.Serialize(outcome.Result));
    }
}
