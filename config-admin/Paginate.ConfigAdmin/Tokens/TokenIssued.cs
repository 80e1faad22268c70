namespace Paginate.ConfigAdmin.Tokens;

/// <summary>The answer to a token request: the token itself went only by mail.</summary>
internal sealed record TokenIssued(string Status, string Recipient, DateTimeOffset IssuedAt);
