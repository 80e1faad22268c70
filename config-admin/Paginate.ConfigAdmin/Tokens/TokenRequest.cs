namespace Paginate.ConfigAdmin.Tokens;

/// <summary>The body of <c>POST /api/runners/{id}/token</c> (documentation only).</summary>
internal sealed record TokenRequest(string Email);
