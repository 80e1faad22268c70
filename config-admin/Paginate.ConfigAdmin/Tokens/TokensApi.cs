using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Hosting;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Tokens;

/// <summary>
/// Runner tokens. A new token is mailed FIRST and stored (as a hash) only after delivery succeeded, so a
/// failed mail leaves the current token working. The token never appears in a response or a log line.
/// </summary>
internal static partial class TokensApi
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/runners/{id}/token").WithTags("Tokens").RequireRunner();
        group.MapPost("/", IssueAsync)
            .Accepts<TokenRequest>("application/json")
            .WithSummary("Issue a new token by email; the previous one stops working")
            .RequireRateLimiting(RateLimiting.AdminRateLimiting.TokenIssuePolicy)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(415).ProducesProblem(429).ProducesProblem(502).ProducesProblem(503);
        group.MapGet("/", GetAsync).WithSummary("Whether the runner has a token, and to whom it went (masked)").ProducesProblem(404);
        return api;
    }

    private static async Task<Results<Accepted<TokenIssued>, ProblemHttpResult>> IssueAsync(
        RunnerLookup found,
        HttpRequest request,
        ITokenStore tokens,
        TokenEmailPolicy policy,
        TokenMailer mailer,
        PublicUrls urls,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var runner = found.Runner;

        var (value, problem) = await JsonBody.ReadStringFieldAsync(request, "email", policy.Check, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var email = value!;

        if (!mailer.IsConfigured)
        {
            return ApiProblems.Status(
                StatusCodes.Status503ServiceUnavailable,
                "Mail not configured",
                "the token email could not be sent (mail delivery is not configured); the current token is unchanged",
                ProblemTypes.MailNotConfigured);
        }

        var token = TokenGenerator.NewToken();
        var sent = await mailer.SendAsync(email, runner.Id, runner.Config.Name ?? runner.Id, token, urls.RunnerUrl(request, runner.Id), cancellationToken).ConfigureAwait(false);
        if (!sent)
        {
            return ApiProblems.Status(
                StatusCodes.Status502BadGateway,
                "Mail delivery failed",
                "the token email could not be sent; the current token is unchanged",
                ProblemTypes.MailFailed);
        }

        var masked = TokenEmailPolicy.Mask(email);
        var record = await tokens.SetAsync(runner.Id, TokenGenerator.Hash(token), masked, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        LogIssued(loggers.CreateLogger("Paginate.ConfigAdmin.Tokens"), runner.Id, masked, record.Rotations);
        return TypedResults.Accepted($"/api/runners/{runner.Id}/token", new TokenIssued("sent", masked, record.IssuedAt));
    }

    private static async Task<Results<Ok<TokenStatus>, ProblemHttpResult>> GetAsync(
        RunnerLookup found,
        ITokenStore tokens,
        CancellationToken cancellationToken)
    {
        var runner = found.Runner;

        var record = await tokens.GetAsync(runner.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(record is null
            ? new TokenStatus(false, null, null, null)
            : new TokenStatus(true, record.IssuedAt, record.Rotations, record.Recipient));
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Token issued for runner {RunnerId} to {Recipient} (rotation {Rotations})")]
    private static partial void LogIssued(ILogger logger, string runnerId, string recipient, int rotations);
}
