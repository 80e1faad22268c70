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

    public AdminKeyMatcher(IOptions<AdminOptions> options) =>
        _keyHashes = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Hash)];

    public bool HasKeys => _keyHashes.Length > 0;

    public bool Matches(string presented)
    {
        var candidate = Hash(presented);
        var match = false;

        // No early exit: every key is compared whatever the outcome.
        foreach (var key in _keyHashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, key);
        }

        return match;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
