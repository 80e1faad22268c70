using System.Globalization;
using FluentValidation;

namespace Paginate.Engine.Runners;

/// <summary>Rules of <c>limits</c> and <c>cache</c>: the ranges of <see cref="LimitsSpec"/>, where concurrency makes sense, the rate budget and the cache TTL.</summary>
internal sealed class LimitsRules : AbstractValidator<RunnerDefinition>
{
    /// <summary>Longest answer cache TTL: an hour (CONTRACT §6.5).</summary>
    public const int MaxCacheTtlSeconds = 3600;

    /// <summary>Bounds of <c>limits.rate_limit.requests_per_second</c> (CONTRACT §6.1).</summary>
    public const double MinRequestsPerSecond = 0.01;
    public const double MaxRequestsPerSecond = 10_000;

    public LimitsRules()
    {
        When(x => x.Limits is not null, () =>
        {
            RuleFor(x => x.Limits).Custom((limits, context) =>
            {
                Range(context, "max_pages", limits.MaxPages, 1, 1000, $"a safety cap on pages, not the number to fetch; {Default(RunnerDefaults.MaxPages)}");
                if (limits.MaxItems is { } maxItems)
                {
                    Range(context, "max_items", maxItems, 1, 1_000_000, "or null for no cap");
                }

                Range(context, "page_delay_ms", limits.PageDelayMs, 0, 60_000, Default(RunnerDefaults.PageDelayMs));
                Range(context, "max_retries", limits.MaxRetries, 0, 10, Default(RunnerDefaults.MaxRetries));
                Range(context, "retry_delay_ms", limits.RetryDelayMs, 0, 60_000, Default(RunnerDefaults.RetryDelayMs));
                Range(context, "page_timeout_ms", limits.PageTimeoutMs, 100, 300_000, Default(RunnerDefaults.PageTimeoutMs));
                Range(context, "total_timeout_ms", limits.TotalTimeoutMs, 100, 900_000, Default(RunnerDefaults.TotalTimeoutMs));
                Range(context, "max_concurrency", limits.MaxConcurrency, 1, 16, Default(RunnerDefaults.MaxConcurrency));

                if (limits.PageTimeoutMs > limits.TotalTimeoutMs)
                {
                    context.Fail("limits.page_timeout_ms", string.Create(CultureInfo.InvariantCulture,
                        $"limits.page_timeout_ms ({limits.PageTimeoutMs:N0}) is longer than limits.total_timeout_ms ({limits.TotalTimeoutMs:N0}); make it shorter or equal"));
                }

                if (limits.MaxConcurrency > 1 && context.InstanceToValidate.Pagination is { } pagination)
                {
                    CheckConcurrency(limits.MaxConcurrency, pagination, context);
                }

                if (limits.RateLimit is { } rate)
                {
                    CheckRateLimit(rate, context);
                }
            });
        });

        RuleFor(x => x.Cache).Custom((cache, context) =>
        {
            if (cache is null)
            {
                context.Fail("cache", "cache must be an object (leave it out for no cache), not null");
            }
            else if (cache.TtlSeconds is < 0 or > MaxCacheTtlSeconds)
            {
                context.Fail("cache.ttl_seconds", string.Create(CultureInfo.InvariantCulture,
                    $"cache.ttl_seconds is {cache.TtlSeconds}; allowed 0..{MaxCacheTtlSeconds:N0} (0 turns the cache off)"));
            }
        });
    }

    private static void CheckRateLimit(RateLimitSpec rate, ValidationContext<RunnerDefinition> context)
    {
        const string path = "limits.rate_limit";
        if (rate.RequestsPerSecond is not { } rps)
        {
            context.Fail($"{path}.requests_per_second", $"{path}.requests_per_second is required: {MinRequestsPerSecond}..{MaxRequestsPerSecond:N0} upstream requests per second shared by every gateway");
        }
        else if (!double.IsFinite(rps) || rps < MinRequestsPerSecond || rps > MaxRequestsPerSecond)
        {
            context.Fail($"{path}.requests_per_second", string.Create(CultureInfo.InvariantCulture,
                $"{path}.requests_per_second is {rps}; allowed {MinRequestsPerSecond}..{MaxRequestsPerSecond:N0} (upstream requests per second shared by every gateway)"));
        }

        if (rate.Burst is { } burst && (burst < 1 || burst > RunnerDefaults.MaxBurst))
        {
            context.Fail($"{path}.burst", string.Create(CultureInfo.InvariantCulture,
                $"{path}.burst is {burst}; allowed 1..{RunnerDefaults.MaxBurst:N0} (or leave it out for max(1, ceil(requests_per_second)))"));
        }

        if (rate.Scope is null || !RateLimitScopes.All.Contains(rate.Scope, StringComparer.Ordinal))
        {
            context.Fail($"{path}.scope", $"unknown {path}.scope '{rate.Scope}'; use one of: {string.Join(", ", RateLimitScopes.All)}");
        }
    }

    // Only page_number and offset know their later requests in advance: from the total page 1 reveals, or (contract
    // v2) by requesting ahead when it does not.
    private static void CheckConcurrency(int maxConcurrency, PaginationSpec pagination, ValidationContext<RunnerDefinition> context)
    {
        const string path = "limits.max_concurrency";
        switch (pagination.Style)
        {
            case PaginationStyles.PageNumber or PaginationStyles.Offset:
                break;
            default:
                context.Fail(path, $"{path} {maxConcurrency} applies only to styles page_number and offset (style {pagination.Style} learns each next page from the one before); use 1");
                break;
        }
    }

    // The hint naming a default, read from RunnerDefaults so that it cannot drift from the value applied.
    private static string Default(int value) => string.Create(CultureInfo.InvariantCulture, $"default {value:N0}");

    private static void Range(ValidationContext<RunnerDefinition> context, string key, long value, long min, long max, string hint)
    {
        if (value < min || value > max)
        {
            context.Fail($"limits.{key}", string.Create(CultureInfo.InvariantCulture, $"limits.{key} is {value}; allowed {min:N0}..{max:N0} ({hint})"));
        }
    }
}
