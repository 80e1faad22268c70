using Microsoft.Extensions.Options;
using Paginate.Gateway.Access;

namespace Paginate.Gateway;

/// <summary>
/// Checks the whole <c>Gateway</c> section at start and reports every error at once: each bad allowlist or
/// proxy entry by index and value, each number out of range by key, value and range.
/// </summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        NetworkList.Parse(options.AllowedNetworks, "Gateway:AllowedNetworks", out var allowed);
        errors.AddRange(allowed);
        NetworkList.Parse(options.TrustedProxies, "Gateway:TrustedProxies", out var proxies);
        errors.AddRange(proxies);
        Range(errors, nameof(options.MaxConcurrentCalls), options.MaxConcurrentCalls, 1, 1_000_000);
        Range(errors, nameof(options.PageBufferBudgetMiB), options.PageBufferBudgetMiB, 1, 1024 * 1024);
        Range(errors, nameof(options.DrainSeconds), options.DrainSeconds, 0, 3600);
        Range(errors, nameof(options.StaleTokenGraceSeconds), options.StaleTokenGraceSeconds, 0, 86_400);
        Range(errors, nameof(options.MaxConnectionsPerOrigin), options.MaxConnectionsPerOrigin, 1, 100_000);
        Range(errors, nameof(options.CacheMaxMiB), options.CacheMaxMiB, 0, 1024 * 1024);
        Range(errors, nameof(options.CacheMaxAnswerKiB), options.CacheMaxAnswerKiB, 0, 1024 * 1024);
        Range(errors, "Circuit:" + nameof(options.Circuit.FailureThreshold), options.Circuit.FailureThreshold, 1, 10_000);
        Range(errors, "Circuit:" + nameof(options.Circuit.CoolDownSeconds), options.Circuit.CoolDownSeconds, 1, 3600);
        if (!string.IsNullOrEmpty(options.RateScopeKey) && options.RateScopeKey.Length < 32)
        {
            // Too short a key would make the credential hash guessable.
            errors.Add($"Gateway:{nameof(options.RateScopeKey)}: must be at least 32 characters (its value is not shown).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Gateway:{key}: {value} is outside {min}..{max}.");
        }
    }
}
