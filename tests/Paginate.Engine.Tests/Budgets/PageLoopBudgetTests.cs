using System.Globalization;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Budgets;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Budgets;

/// <summary>The page loop with a rate budget and back-off holds (CONTRACT §6.1, §6.2), on the in-memory budget.</summary>
public sealed class PageLoopBudgetTests
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    private static int Page(HttpContext ctx) => int.Parse(Query(ctx, "page"), CultureInfo.InvariantCulture);

    /// <summary>Four pages of two items, then an empty page; each arrival time is added to <paramref name="arrivals"/>.</summary>
    private static Task<LoopbackUpstream> FourPagesAsync(System.Collections.Concurrent.ConcurrentQueue<long>? arrivals = null) =>
        LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            arrivals?.Enqueue(TimeProvider.System.GetTimestamp());
            return Respond(ctx, Page(ctx) <= 4 ? Items(((Page(ctx) - 1) * 2) + 1, 2) : "[]");
        }));

    private static RunnerDefinition Runner(LoopbackUpstream upstream, LimitsSpec limits) => new()
    {
        Request = new() { Url = upstream.Url("/items").ToString() },
        Pagination = new() { Style = PaginationStyles.PageNumber, PageSize = 2 },
        Limits = limits,
    };

    private static RunRequest Call => new() { RunnerId = "rn_a" };

    [Fact]
    public async Task EveryRequest_TakesAToken_AndTheWaitIsReported()
    {
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<long>();
        await using var upstream = await FourPagesAsync(arrived);
        var budget = new LocalUpstreamBudget();
        var rate = new RateLimitSpec { RequestsPerSecond = 20, Burst = 1 };

        var started = TimeProvider.System.GetTimestamp();
        var outcome = await RunAsync(Runner(upstream, FastLimits with { RateLimit = rate }), Call, new PageLoopOptions { Budget = budget });

        Assert.Equal(8, outcome.Items.Count);
        Assert.Equal(5, upstream.RequestCount);

        // Burst 1 at 20/s: the fifth token is 200 ms after the first, so the fifth request cannot arrive sooner.
        var last = TimeProvider.System.GetElapsedTime(started, arrived.ToList()[^1]);
        Assert.True(last >= TimeSpan.FromMilliseconds(195), $"fifth request after {last.TotalMilliseconds} ms");

        // The waits are what was left of each 50 ms after the request before: never more than 200 ms in all.
        var waited = outcome.Meta!.Value.GetProperty("rate_wait_ms").GetInt64();
        Assert.InRange(waited, 1, 200);
        Assert.Equal(waited, outcome.Result.RateWaitMs);
    }

    [Fact]
    public async Task RunnerWithoutRateLimit_NoWait_AnswerHasNoRateWaitField()
    {
        await using var upstream = await FourPagesAsync();
        var outcome = await RunAsync(Runner(upstream, FastLimits), Call, new PageLoopOptions { Budget = new LocalUpstreamBudget() });

        Assert.Null(outcome.Result.RateWaitMs);
        Assert.False(outcome.Meta!.Value.TryGetProperty("rate_wait_ms", out _));
    }

    [Fact]
    public async Task RunnerWithRateLimit_NoWait_ReportsZero()
    {
        await using var upstream = await FourPagesAsync();
        var rate = new RateLimitSpec { RequestsPerSecond = 1000, Burst = 100 };
        var outcome = await RunAsync(Runner(upstream, FastLimits with { RateLimit = rate }), Call, new PageLoopOptions { Budget = new LocalUpstreamBudget() });

        Assert.Equal(0, outcome.Meta!.Value.GetProperty("rate_wait_ms").GetInt64());
    }

    [Fact]
    public async Task FirstPage_NoTokenBeforeTheTotalTimeout_FailsRateLimited_WithoutCallingTheUpstream()
    {
        await using var upstream = await FourPagesAsync();
        var budget = new LocalUpstreamBudget();
        var rate = new RateLimitSpec { RequestsPerSecond = 0.1, Burst = 1 };
        var definition = Runner(upstream, FastLimits with { RateLimit = rate, PageTimeoutMs = 1000, TotalTimeoutMs = 2000 });

        // Another call took the only token: the next one is ten seconds out, past this call's two-second budget.
        var scope = budget.Scope("rn_a", RunnerDefaults.Normalize(definition).Limits.RateLimit, NoHeaders);
        Assert.True((await budget.TakeAsync(scope, TimeSpan.Zero, CancellationToken.None)).Granted);

        var outcome = await RunAsync(definition, Call, new PageLoopOptions { Budget = budget });

        Assert.True(outcome.Result.FirstPageFailed);
        Assert.False(outcome.Started);
        Assert.Equal(StopReasons.RateLimited, outcome.Result.StopReason);
        Assert.Equal(ErrorCodes.RateLimited, outcome.Result.ErrorCode);
        Assert.InRange(outcome.Result.RetryAfter!.Value.TotalSeconds, 9, 10);
        Assert.Equal(0, upstream.RequestCount);
    }

    [Fact]
    public async Task LaterPage_NoTokenBeforeTheTotalTimeout_ReturnsItemsSoFarAsPartial()
    {
        await using var upstream = await FourPagesAsync();
        // Two tokens at once, the third five seconds later: past the three-second total timeout.
        var rate = new RateLimitSpec { RequestsPerSecond = 0.2, Burst = 2 };
        var outcome = await RunAsync(Runner(upstream, FastLimits with { RateLimit = rate, PageTimeoutMs = 3000, TotalTimeoutMs = 3000 }), Call,
            new PageLoopOptions { Budget = new LocalUpstreamBudget() });

        Assert.Equal(["i1", "i2", "i3", "i4"], outcome.Ids());
        Assert.True(outcome.Result.Partial);
        Assert.Equal(StopReasons.RateLimited, outcome.Result.StopReason);
        Assert.Equal("rate_limited", outcome.Meta!.Value.GetProperty("stop_reason").GetString());
        Assert.Equal("rate_limited", outcome.Meta!.Value.GetProperty("error_code").GetString());
        Assert.True(outcome.Meta!.Value.GetProperty("partial").GetBoolean());
        Assert.Equal(2, upstream.RequestCount);
    }

    [Fact]
    public async Task RetryAfterOn429_HoldsTheNextCallOfTheRunner_AndCountsAsRateWait()
    {
        var answered429 = 0;
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            if (Interlocked.Exchange(ref answered429, 1) == 0)
            {
                ctx.Response.Headers.RetryAfter = "1";
                return Respond(ctx, "{}", 429);
            }

            return Respond(ctx, Items(1, 2));
        }));

        // A fake clock: the one-second hold is checked exactly and costs no real second.
        var clock = new Paginate.Engine.Tests.Upstream.TimerClock(DateTimeOffset.UtcNow);
        var budget = new LocalUpstreamBudget(clock);
        var options = new PageLoopOptions { Budget = budget, Time = clock };
        var definition = new RunnerDefinition { Request = new() { Url = upstream.Url("/items").ToString() }, Limits = FastLimits with { MaxRetries = 0 } };

        var first = await RunAsync(definition, Call, options);
        Assert.Equal(429, first.Result.UpstreamStatus);

        // No rate_limit on this runner: the second call still honours the upstream's Retry-After.
        var held = RunAsync(definition, Call, options);
        await clock.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(1));
        Assert.Equal(1, upstream.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await held;
        Assert.Equal(2, second.Items.Count);
        Assert.Equal(2, upstream.RequestCount);
        Assert.Equal(1000, second.Meta!.Value.GetProperty("rate_wait_ms").GetInt64());

        // Another runner is not held.
        var other = await RunAsync(definition, new RunRequest { RunnerId = "rn_b" }, options);
        Assert.False(other.Meta!.Value.TryGetProperty("rate_wait_ms", out _));
    }

    [Fact]
    public async Task Retries_TakeTokensToo()
    {
        var calls = 0;
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<long>();
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/items", ctx =>
        {
            arrived.Enqueue(TimeProvider.System.GetTimestamp());
            return Interlocked.Increment(ref calls) <= 2 ? Respond(ctx, "{}", 502) : Respond(ctx, Items(1, 1));
        }));
        var budget = new LocalUpstreamBudget();
        var rate = new RateLimitSpec { RequestsPerSecond = 10, Burst = 1 };
        var definition = new RunnerDefinition { Request = new() { Url = upstream.Url("/items").ToString() }, Limits = FastLimits with { RateLimit = rate } };

        var started = TimeProvider.System.GetTimestamp();
        var outcome = await RunAsync(definition, Call, new PageLoopOptions { Budget = budget });

        Assert.Equal(2, outcome.Result.Retries);
        Assert.Equal(3, upstream.RequestCount);

        // Three tokens at 10/s with burst 1: the two retries each waited for theirs (the 1 ms retry delay is shorter).
        Assert.True(TimeProvider.System.GetElapsedTime(started, arrived.ToList()[^1]) >= TimeSpan.FromMilliseconds(195));
        Assert.InRange(outcome.Result.RateWaitMs!.Value, 1, 200);
    }
}
