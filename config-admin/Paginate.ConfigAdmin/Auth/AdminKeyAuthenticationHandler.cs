using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Problems;

namespace Paginate.ConfigAdmin.Auth;

/// <summary><c>Authorization: Bearer &lt;admin key&gt;</c>. A refused call gets a 401 problem, never a hint why.</summary>
internal sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKeyMatcher matcher,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";

    private static readonly AuthenticationTicket Ticket = new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], SchemeName)),
        SchemeName);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = header["Bearer ".Length..].Trim();
        return Task.FromResult(key.Length > 0 && matcher.Matches(key)
            ? AuthenticateResult.Success(Ticket)
            : AuthenticateResult.Fail("invalid admin key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Unauthorized,
                Title = "Unauthorized",
                Detail = "A valid admin key is required: Authorization: Bearer <key>.",
            },
        }).ConfigureAwait(false);
    }
}
