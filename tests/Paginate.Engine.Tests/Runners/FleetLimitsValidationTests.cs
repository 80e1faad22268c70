using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

/// <summary>The contract v2 fields: <c>limits.rate_limit</c>, <c>limits.stop_on_repeated_page</c>, <c>cache</c>.</summary>
public sealed class FleetLimitsValidationTests
{
    private static RunnerDefinition Rate(RateLimitSpec rate) =>
        RunnerSamples.Stripe() with { Limits = new LimitsSpec { RateLimit = rate } };

    [Fact]
    public void V1Definition_WithoutTheNewFields_HasNoBudgetNoCacheAndStopsOnRepeatedPages()
    {
        Assert.True(RunnerDefinitionReader.TryRead("""{ "name": "n", "request": { "url": "https://api.example.com/x" } }""", out var definition, out _));
        Valid(definition);
        Assert.Null(definition.Limits.RateLimit);
        Assert.True(definition.Limits.StopOnRepeatedPage);
        Assert.Equal(0, definition.Cache.TtlSeconds);
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(0.5, 1)]
    [InlineData(10, 10)]
    [InlineData(2.5, 3)]
    [InlineData(10_000, 10_000)]
    public void RateLimit_WithoutBurst_NormalizesToCeilOfRate(double rps, int burst)
    {
        var definition = Rate(new RateLimitSpec { RequestsPerSecond = rps });
        Valid(definition);
        var normalized = RunnerDefaults.Normalize(definition);
        Assert.Equal(burst, normalized.Limits.RateLimit!.Burst);
        Assert.Equal(RateLimitScopes.Runner, normalized.Limits.RateLimit.Scope);
    }

    [Fact]
    public void RateLimit_ExplicitBurst_IsKept() =>
        Assert.Equal(7, RunnerDefaults.Normalize(Rate(new RateLimitSpec { RequestsPerSecond = 100, Burst = 7 })).Limits.RateLimit!.Burst);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.009)]
    [InlineData(10_000.5)]
    public void RateLimit_RateOutOfRange_NamesTheField(double rps) =>
        OnlyError(Rate(new RateLimitSpec { RequestsPerSecond = rps }), "limits.rate_limit.requests_per_second", "allowed 0.01..10,000");

    [Fact]
    public void RateLimit_WithoutRate_IsRequired() =>
        OnlyError(Rate(new RateLimitSpec { Burst = 3 }), "limits.rate_limit.requests_per_second", "limits.rate_limit.requests_per_second is required");

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10_001)]
    public void RateLimit_BurstOutOfRange_NamesTheField(int burst) =>
        OnlyError(Rate(new RateLimitSpec { RequestsPerSecond = 5, Burst = burst }), "limits.rate_limit.burst", $"limits.rate_limit.burst is {burst}; allowed 1..10,000");

    [Fact]
    public void RateLimit_UnknownScope_ListsTheScopes() =>
        OnlyError(Rate(new RateLimitSpec { RequestsPerSecond = 5, Scope = "tenant" }), "limits.rate_limit.scope",
            "unknown limits.rate_limit.scope 'tenant'; use one of: runner, credential");

    [Fact]
    public void RateLimit_EveryFieldWrong_ReportsEachAtOnce()
    {
        var errors = Errors(Rate(new RateLimitSpec { RequestsPerSecond = -1, Burst = 0, Scope = "x" }));
        Assert.Equal(["limits.rate_limit.burst", "limits.rate_limit.requests_per_second", "limits.rate_limit.scope"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3600)]
    public void Cache_TtlInRange_IsValid(int ttl) =>
        Valid(RunnerSamples.Stripe() with { Cache = new CacheSpec { TtlSeconds = ttl } });

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void Cache_TtlOutOfRange_NamesTheField(int ttl) =>
        OnlyError(RunnerSamples.Stripe() with { Cache = new CacheSpec { TtlSeconds = ttl } }, "cache.ttl_seconds", $"cache.ttl_seconds is {ttl}; allowed 0..3,600");

    [Theory]
    [InlineData("""{ "requests_per_second": "ten" }""", "limits.rate_limit.requests_per_second", "must be a number, not a string")]
    [InlineData("""{ "requests_per_second": 5, "burst": 1.5 }""", "limits.rate_limit.burst", "must be a whole number")]
    [InlineData("""{ "requests_per_second": 5, "per": "minute" }""", "limits.rate_limit.per", "unknown field 'per'")]
    public void Reader_RateLimitOfTheWrongShape_NamesTheField(string rateLimit, string key, string fragment)
    {
        var json = $$"""{ "name": "n", "request": { "url": "https://api.example.com/x" }, "limits": { "rate_limit": {{rateLimit}} } }""";
        Assert.False(RunnerDefinitionReader.TryRead(json, out _, out var errors));
        Assert.Equal([key], errors.Keys);
        Assert.Contains(fragment, errors[key][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ContractExampleFields_ReadIntoTheModel()
    {
        const string json = """
            { "name": "n", "request": { "url": "https://api.example.com/x" },
              "limits": { "stop_on_repeated_page": false, "rate_limit": { "requests_per_second": 0.5, "burst": 2, "scope": "credential" } },
              "cache": { "ttl_seconds": 60 } }
            """;
        Assert.True(RunnerDefinitionReader.TryRead(json, out var definition, out var errors), string.Join(";", errors.Keys));
        Assert.False(definition.Limits.StopOnRepeatedPage);
        Assert.Equal(new RateLimitSpec { RequestsPerSecond = 0.5, Burst = 2, Scope = RateLimitScopes.Credential }, definition.Limits.RateLimit);
        Assert.Equal(60, definition.Cache.TtlSeconds);
        Valid(definition);
    }
}
