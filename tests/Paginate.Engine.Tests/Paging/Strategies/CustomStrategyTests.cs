using System.Text;
using System.Text.Json;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Strategies;
using Paginate.Engine.Tests.Upstream;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging.Strategies;

/// <summary>
/// The strategy interface is general enough for a scripted style: it sees the request and the whole
/// response, builds any next request, logs, slows down, or fails.
/// </summary>
public sealed class CustomStrategyTests
{
    private const string KeyCanary = "CANARY-k-55";

    /// <summary>Follows an <c>X-Next</c> header by rewriting the body; logs what it saw; fails on page 3.</summary>
    private sealed class ScriptLikeStrategy : IPagingStrategy
    {
        public List<string> Seen { get; } = [];

        public string Name => "script_like";

        public PageDecision Start(PageRequest request) => PageDecision.Continue(request, PagingState.Initial);

        public PageDecision Next(PageContext page)
        {
            var body = page.Response.Body.GetProperty("meta").GetProperty("cursor").GetString();
            Seen.Add($"{page.PageCount}:{page.Response.Status}:{page.Response.GetHeader("X-Next")}:{body}:{page.Request.Method.Method}:{page.State.Position}");
            if (page.PageCount == 3)
            {
                return PageDecision.Fail(ErrorCodes.ScriptError, $"line 3, column 5: cannot read key {KeyCanary}");
            }

            var next = page.Request with { Body = Encoding.UTF8.GetBytes($"{{\"cursor\":\"{body}\"}}") };
            return PageDecision.Continue(next, page.State with { Position = page.State.Position + 1 }) with
            {
                Logs = [$"url was {page.Request.Uri}"],
                Delay = TimeSpan.FromMilliseconds(321),
            };
        }
    }

    [Fact]
    public async Task CustomStrategy_SeesRequestAndResponse_LogsMasked_DelayAsked_FailureIsPartial()
    {
        var calls = 0;
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/q", ctx =>
        {
            var n = Interlocked.Increment(ref calls);
            ctx.Response.Headers["X-Next"] = "h" + n;
            return Respond(ctx, "{\"meta\":{\"cursor\":\"c" + n + "\"},\"rows\":" + Items(n, 1) + "}");
        }));
        var compiled = Compile(new RunnerDefinition
        {
            Request = new() { Method = "POST", Url = upstream.Url("/q?key={{key}}").ToString(), Body = JsonDocument.Parse("{}").RootElement.Clone() },
            Response = new() { ItemsPath = "rows" },
            Limits = FastLimits,
        });
        var strategy = new ScriptLikeStrategy();
        var runner = new CompiledRunner(compiled.Definition, compiled.Placeholders, compiled.Origin, compiled.ItemsPath, compiled.Shaper, strategy);
        var time = new RecordingTimeProvider();

        var outcome = await RunAsync(runner, new RunRequest { Values = new Dictionary<string, string> { ["key"] = KeyCanary }, Trace = true }, new PageLoopOptions { Time = time });

        Assert.Equal(["1:200:h1:c1:POST:0", "2:200:h2:c2:POST:1", "3:200:h3:c3:POST:2"], strategy.Seen);
        Assert.Equal(["{}", "{\"cursor\":\"c1\"}", "{\"cursor\":\"c2\"}"], upstream.Requests.Select(q => q.Body));
        Assert.True(outcome.Result.Partial);
        Assert.Equal(ErrorCodes.ScriptError, outcome.Result.ErrorCode);
        Assert.Equal(["i1", "i2", "i3"], outcome.Ids());
        Assert.Contains("line 3, column 5", outcome.Result.ErrorDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", JsonSerializer.Serialize(outcome.Result), StringComparison.Ordinal);
        Assert.Contains("url was http://", outcome.Result.Trace![0].Logs![0], StringComparison.Ordinal);
        Assert.Contains(time.DueTimes, d => d == TimeSpan.FromMilliseconds(321));
    }
}
