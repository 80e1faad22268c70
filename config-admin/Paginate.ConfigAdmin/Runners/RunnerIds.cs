using System.Security.Cryptography;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>
/// Runner ids: <c>rn_</c> + 26 characters of lower-case base32 (130 random bits). URL-safe, unguessable,
/// and too many to collide in practice; a collision is still caught by the store's SET NX.
/// </summary>
internal static class RunnerIds
{
    public const string Prefix = "rn_";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int RandomChars = 26;

    public static string NewId() => Prefix + RandomNumberGenerator.GetString(Alphabet, RandomChars);

    /// <summary>
    /// True for what could be a runner id. Anything else is answered 404 without touching storage, so a
    /// path segment never becomes part of a storage key.
    /// </summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 3 and <= 64 }
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789_-") < 0;
}
