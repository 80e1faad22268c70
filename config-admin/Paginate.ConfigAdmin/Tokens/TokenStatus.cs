namespace Paginate.ConfigAdmin.Tokens;

/// <summary>Whether a runner has a token, since when, how often it was rotated and to whom (masked).</summary>
internal sealed record TokenStatus(bool Active, DateTimeOffset? IssuedAt, int? Rotations, string? Recipient);
