using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Hosting;

namespace Paginate.ConfigAdmin.Auth;

/// <summary>
/// Checks a presented key against every configured admin key in constant time. Both sides are hashed
/// first so neither the length nor the first differing byte of a key can be learned from timing.
/// </summary>
internal sealed class AdminKeyMatcher
{
    private readonly byte[][] _keyHashes;

    // Distinct: a key listed twice is still one key, with one rate-limit allowance.
    public AdminKeyMatcher(IOptions<AdminOptions> options) =>
        _keyHashes = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).Select(Hash)];

    public bool HasKeys => _keyHashes.Length > 0;

    /// <summary>Which distinct configured key <paramref name="presented"/> is, as its index, or -1 for none.</summary>
    public int Match(string presented)
    {
        var candidate = Hash(presented);
        var match = -1;

        // No early exit: every key is compared whatever the outcome.
        for (var i = 0; i < _keyHashes.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, _keyHashes[i]))
            {
                match = i;
            }
        }

        return match;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
