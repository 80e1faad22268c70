using Paginate.Engine.Budgets;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.Gateway.Caching;

namespace Paginate.Gateway.Tests.Caching;

public sealed class AnswerCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly RunResult Complete = new() { Pages = 1, Items = 1, StopReason = StopReasons.SinglePage };

    private static AnswerCache Cache(ManualClock clock, int maxMiB = 1, int maxAnswerKiB = 400) =>
        new(new GatewayOptions { CacheMaxMiB = maxMiB, CacheMaxAnswerKiB = maxAnswerKiB }, clock);

    [Fact]
    public void Entry_ExpiresWithItsTtl()
    {
        var clock = new ManualClock();
        var cache = Cache(clock);
        Assert.NotNull(cache.Add("k", [1, 2, 3], Complete, TimeSpan.FromSeconds(10)));

        clock.Now += TimeSpan.FromSeconds(9);
        Assert.Equal([1, 2, 3], cache.Get("k")!.Items);
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(cache.Get("k"));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void TotalOverTheCap_EvictsTheLeastRecentlyUsed()
    {
        var cache = Cache(new ManualClock());
        var answer = new byte[300 * 1024];
        Assert.NotNull(cache.Add("a", answer, Complete, TimeSpan.FromMinutes(1)));
        Assert.NotNull(cache.Add("b", answer, Complete, TimeSpan.FromMinutes(1)));
        Assert.NotNull(cache.Add("c", answer, Complete, TimeSpan.FromMinutes(1)));
        Assert.NotNull(cache.Get("a")); // a is now the most recent: b goes first

        Assert.NotNull(cache.Add("d", answer, Complete, TimeSpan.FromMinutes(1)));
        Assert.Null(cache.Get("b"));
        Assert.NotNull(cache.Get("a"));
        Assert.NotNull(cache.Get("c"));
        Assert.NotNull(cache.Get("d"));
        Assert.Equal(3 * 300 * 1024, cache.Bytes);
    }

    [Fact]
    public void PartialFailedOrTooLargeAnswers_AreNotKept()
    {
        var cache = Cache(new ManualClock());
        Assert.Null(cache.Add("p", [1], Complete with { Partial = true }, TimeSpan.FromMinutes(1)));
        Assert.Null(cache.Add("e", [1], Complete with { ErrorCode = ErrorCodes.Timeout }, TimeSpan.FromMinutes(1)));
        Assert.Null(cache.Add("big", new byte[(400 * 1024) + 1], Complete, TimeSpan.FromMinutes(1)));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void Key_CoversRunnerValuesAndHeaders_AndHoldsNoValue()
    {
        var values = new Dictionary<string, string> { ["email"] = "canary@example.com" };
        KeyValuePair<string, string>[] alice = [new("Authorization", "Bearer canary-alice")];
        var key = AnswerKey.Compute("rn_a", values, alice);

        Assert.Equal(key, AnswerKey.Compute("rn_a", new Dictionary<string, string>(values), [new("authorization", "Bearer canary-alice")]));
        Assert.NotEqual(key, AnswerKey.Compute("rn_b", values, alice));
        Assert.NotEqual(key, AnswerKey.Compute("rn_a", new Dictionary<string, string> { ["email"] = "other@example.com" }, alice));
        Assert.NotEqual(key, AnswerKey.Compute("rn_a", values, [new("Authorization", "Bearer canary-bob")]));
        Assert.NotEqual(key, AnswerKey.Compute("rn_a", values, []));
        Assert.Equal(64, key.Length);
        Assert.DoesNotContain("canary", key, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialHash_StaysByteIdentical_BecauseItKeysRedisBudgets()
    {
        // The key names live budget state in Redis: a changed hash would silently reset every credential's budget.
        var rate = new RateLimitSpec { RequestsPerSecond = 5, Scope = RateLimitScopes.Credential };
        KeyValuePair<string, string>[] headers =
            [new("X-Api-Key", "k2"), new("Authorization", "Bearer canary-alice"), new("x-api-key", "k1"), new("X-Tenant", "café")];

        var scope = BudgetScopes.Create("rn_a", rate, headers, new byte[32]);

        Assert.Equal("rn_a:c:7e1ff42b03162325e4be94c5a6d10e61", scope.Key);
    }
}
