using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Auth;
using Paginate.ConfigAdmin.Problems;

namespace Paginate.ConfigAdmin.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on token issue, dry runs and detection: one allowance per admin key and
/// policy, refused with <c>429</c>, <c>Retry-After</c> and a problem body. It runs after authorization, so a
/// call without a valid key gets its 401 and costs no one's allowance.
/// </summary>
internal static class AdminRateLimiting
{
    public const string TokenIssuePolicy = "token-issue";
    public const string DryRunPolicy = "dry-runs";
    public const string DetectionPolicy = "detection";

    public static IServiceCollection AddAdminRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AdminRateLimitOptions>, AdminRateLimitOptionsValidator>();
        services.AddOptions<AdminRateLimitOptions>().BindConfiguration(AdminRateLimitOptions.Section).ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(TokenIssuePolicy, context => PerKey(context, o => o.TokenIssue));
            limiter.AddPolicy(DryRunPolicy, context => PerKey(context, o => o.DryRuns));
            limiter.AddPolicy(DetectionPolicy, context => PerKey(context, o => o.Detection));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerKey(HttpContext context, Func<AdminRateLimitOptions, RateLimitRule> pick)
    {
        var rule = pick(context.RequestServices.GetRequiredService<IOptions<AdminRateLimitOptions>>().Value);
        return RateLimitPartition.GetTokenBucketLimiter(KeyId(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = rule.PermitLimit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = rule.RefillPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// Which configured key authenticated the call (its index, never the key): one allowance per key however
    /// the Authorization header spells the scheme or pads the key.
    /// </summary>
    private static string KeyId(HttpContext context) =>
        context.User.FindFirstValue(AdminKeyAuthenticationHandler.KeyIdClaim) ?? "none";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.RateLimited,
                Title = "Too many requests",
                Detail = $"This admin key has used its allowance for this kind of call; retry in {seconds} s.",
            },
        }).ConfigureAwait(false);
    }
}
