using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

public sealed class RetryTests
{
    private static RunnerDefinition Single(LoopbackUpstream upstream, LimitsSpec limits) => new()
    {
        Request = new() { Url = upstream.Url("/items").ToString() },
        Response = new() { ItemsPath = "data" },
        Limits = limits,
    };

    /// <summary>Answers the given statuses in turn (then 200 with two items); each failure may carry headers.</summary>
    private static Task<LoopbackUpstream> ScriptedAsync(params (int Status, string? RetryAfter)[] failures)
    {
        var calls = 0;
        return LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            var n = Interlocked.Increment(ref calls) - 1;
            if (n < failures.Length)
            {
                if (failures[n].RetryAfter is { } after)
                {
                    ctx.Response.Headers.RetryAfter = after;
                }

                return Respond(ctx, "{\"error\":\"busy\"}", failures[n].Status);
            }

            return Respond(ctx, "{\"data\":" + Items(1, 2) + "}");
        }));
    }

    [Fact]
    public async Task Status503ThenOk_RetriesOnce_AndReportsEveryAttempt()
    {
        await using var upstream = await ScriptedAsync((503, null));
        var observer = new CountingObserver();

        var outcome = await RunAsync(Single(upstream, FastLimits), new RunRequest { Observer = observer });

        Assert.Equal(StopReasons.SinglePage, outcome.Result.StopReason);
        Assert.Equal(2, outcome.Items.Count);
        Assert.Equal(1, outcome.Result.Retries);
        Assert.Equal(200, outcome.Result.UpstreamStatus);
        Assert.Equal([503, 200], observer.Statuses);
        Assert.Equal(1, observer.Retries);
        Assert.Equal(1, outcome.Meta!.Value.GetProperty("retries").GetInt32());
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(429)]
    public async Task RetryableStatus_ThenOk_Succeeds(int status)
    {
        await using var upstream = await ScriptedAsync((status, null), (status, null));
        var outcome = await RunAsync(Single(upstream, FastLimits));

        Assert.False(outcome.Result.FirstPageFailed);
        Assert.Equal(2, outcome.Result.Retries);
        Assert.Equal(3, upstream.RequestCount);
    }

    [Fact]
    public async Task Status429Exhausted_FirstPageFails_WithUpstreamStatus()
    {
        await using var upstream = await ScriptedAsync((429, null), (429, null), (429, null), (429, null));
        var outcome = await RunAsync(Single(upstream, FastLimits with { MaxRetries = 2 }));

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.False(outcome.Started);
        Assert.Equal(StopReasons.UpstreamError, outcome.Result.StopReason);
        Assert.Equal(ErrorCodes.UpstreamStatus, outcome.Result.ErrorCode);
        Assert.Equal(429, outcome.Result.UpstreamStatus);
        Assert.Equal(2, outcome.Result.Retries);
        Assert.Equal(3, upstream.RequestCount);
        Assert.Contains("busy", outcome.Result.ErrorDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status404_IsNotRetried()
    {
        await using var upstream = await ScriptedAsync((404, null));
        var outcome = await RunAsync(Single(upstream, FastLimits));

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(404, outcome.Result.UpstreamStatus);
        Assert.Equal(1, upstream.RequestCount);
        Assert.Equal(0, outcome.Result.Retries);
    }

    [Fact]
    public async Task RetryAfterSeconds_ReplacesTheComputedDelay()
    {
        await using var upstream = await ScriptedAsync((429, "1"));
        var clock = new TimerClock(DateTimeOffset.UtcNow);

        var run = RunAsync(Single(upstream, FastLimits), options: new PageLoopOptions { Time = clock });
        await clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));
        Assert.Equal(1, upstream.RequestCount);

        // The retry is held until the fake clock passes the upstream's one second (not the 1 ms computed delay).
        clock.Advance(TimeSpan.FromSeconds(1));
        var outcome = await run;

        Assert.Equal(1, outcome.Result.Retries);
        Assert.Equal(2, upstream.RequestCount);
        Assert.Equal(2, outcome.Items.Count);
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsHonoured()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var upstream = await ScriptedAsync((503, now.AddSeconds(2).ToString("R")));
        var clock = new TimerClock(now);

        var run = RunAsync(Single(upstream, FastLimits), options: new PageLoopOptions { Time = clock });
        var waited = await clock.WaitForTimerAsync(d => d > TimeSpan.FromMilliseconds(100) && d <= TimeSpan.FromSeconds(2));
        clock.Advance(waited);
        var outcome = await run;

        // The date is two seconds after the fake now; the header has whole seconds only.
        Assert.Equal(TimeSpan.FromSeconds(2), waited);
        Assert.Equal(1, outcome.Result.Retries);
        Assert.Equal(2, upstream.RequestCount);
    }

    [Fact]
    public async Task RetryAfterBeyondTheTotalBudget_IsNotWaitedFor_AndFailsWithTheUpstreamStatus()
    {
        await using var upstream = await ScriptedAsync((503, "3600"), (503, "3600"));
        var time = new RecordingTimeProvider();

        var outcome = await RunAsync(Single(upstream, FastLimits with { TotalTimeoutMs = 3000, PageTimeoutMs = 3000 }), options: new PageLoopOptions { Time = time });

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(StopReasons.UpstreamError, outcome.Result.StopReason);
        Assert.Equal(ErrorCodes.UpstreamStatus, outcome.Result.ErrorCode);
        Assert.Equal(503, outcome.Result.UpstreamStatus);
        Assert.Equal(0, outcome.Result.Retries);
        Assert.DoesNotContain(time.DueTimes, d => d > TimeSpan.FromMilliseconds(3000) && d != Timeout.InfiniteTimeSpan && d < TimeSpan.FromHours(2));
        Assert.Equal(1, upstream.RequestCount);
    }

    [Fact]
    public async Task NoRetries_WhenMaxRetriesIsZero()
    {
        await using var upstream = await ScriptedAsync((503, null));
        var outcome = await RunAsync(Single(upstream, FastLimits with { MaxRetries = 0 }));

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.Equal(1, upstream.RequestCount);
    }
}
