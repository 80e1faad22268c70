using System.Security.Cryptography;
using System.Text;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Budgets;

/// <summary>Builds <see cref="BudgetScope"/>s; the credential hash is keyed so a stored key cannot be checked against a guessed value without the key.</summary>
public static class BudgetScopes
{
    /// <summary>Longest hold an upstream's <c>Retry-After</c> can set: a hostile or broken upstream cannot park a runner for days.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(15);

    /// <summary>The scope of one call. <paramref name="hashKey"/> keys the credential hash (HMAC-SHA256).</summary>
    public static BudgetScope Create(string runnerId, RateLimitSpec? rate, IReadOnlyList<KeyValuePair<string, string>> forwardedHeaders, ReadOnlySpan<byte> hashKey)
    {
        ArgumentNullException.ThrowIfNull(runnerId);
        ArgumentNullException.ThrowIfNull(forwardedHeaders);
        var key = rate?.Scope == RateLimitScopes.Credential ? $"{runnerId}:c:{CredentialHash(forwardedHeaders, hashKey)}" : runnerId;
        return rate?.RequestsPerSecond is { } rps
            ? new BudgetScope { Key = key, RequestsPerSecond = rps, Burst = rate.Burst ?? RunnerDefaults.DefaultBurst(rps) }
            : new BudgetScope { Key = key };
    }

    /// <summary>
    /// The canonical text of a set of forwarded headers, the same for any order or name casing: names are case-insensitive
    /// in HTTP, values are not; each name and value is length-prefixed so no two sets collide by concatenation. The
    /// credential hash is taken over it, so it must never change: it keys budget state in Redis.
    /// </summary>
    public static string CanonicalHeaderText(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Value, StringComparer.Ordinal))
        {
            var lower = name.ToLowerInvariant();
            text.Append(lower.Length).Append(':').Append(lower).Append(value.Length).Append(':').Append(value);
        }

        return text.ToString();
    }

    private static string CredentialHash(IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> hashKey)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(CanonicalHeaderText(headers)), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
