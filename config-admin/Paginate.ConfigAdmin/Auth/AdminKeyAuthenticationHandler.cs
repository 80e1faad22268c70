using System.Globalization;
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

    /// <summary>
    /// Which configured key the caller presented, as its index: the same key however the header is spelled
    /// (scheme case, spaces), so rate limits can be kept per key without holding the key itself.
    /// </summary>
    public const string KeyIdClaim = "paginate:admin-key-id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = header["Bearer ".Length..].Trim();
        var index = key.Length > 0 ? matcher.Match(key) : -1;
        return Task.FromResult(index >= 0
            ? AuthenticateResult.Success(Ticket(index))
            : AuthenticateResult.Fail("invalid admin key"));
    }

    private static AuthenticationTicket Ticket(int keyIndex) => new(
        new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, "admin"), new Claim(KeyIdClaim, keyIndex.ToString(CultureInfo.InvariantCulture))],
            SchemeName)),
        SchemeName);

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
