using Microsoft.Extensions.Options;

namespace Paginate.ConfigAdmin.RateLimiting;

/// <summary>Every limit needs a positive permit count and window; all faults are reported together.</summary>
internal sealed class AdminRateLimitOptionsValidator : IValidateOptions<AdminRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminRateLimitOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(options.TokenIssue), options.TokenIssue);
        Check(errors, nameof(options.DryRuns), options.DryRuns);
        Check(errors, nameof(options.Detection), options.Detection);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string name, RateLimitRule rule)
    {
        if (rule.PermitLimit is < 1 or > 1_000_000)
        {
            errors.Add($"{AdminRateLimitOptions.Section}:{name}:PermitLimit must be 1..1000000 (was {rule.PermitLimit}).");
        }

        if (rule.WindowSeconds is < 1 or > 86_400)
        {
            errors.Add($"{AdminRateLimitOptions.Section}:{name}:WindowSeconds must be 1..86400 (was {rule.WindowSeconds}).");
        }
    }
}
