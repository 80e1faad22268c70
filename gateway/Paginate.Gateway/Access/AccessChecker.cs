using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Paginate.Gateway.Catalog;

namespace Paginate.Gateway.Access;

/// <summary>
/// Who may call a runner: a client address inside <c>Gateway:AllowedNetworks</c>, or an
/// <c>x-clay-paginate-token</c> whose SHA-256 equals the runner's current token hash. The token check does
/// the same work whether or not the runner exists, so an unknown runner cannot be told apart by timing.
/// Tokens are honoured only while the catalog is fresh, or stale for at most
/// <c>Gateway:StaleTokenGraceSeconds</c> (CONTRACT §6.8): a token revoked while this gateway cannot see
/// Redis stops working after that; the static-IP path does not depend on Redis and keeps working.
/// </summary>
internal sealed class AccessChecker
{
    /// <summary>The header that carries a runner token. Removed from the request once read.</summary>
    public const string TokenHeader = "x-clay-paginate-token";

    // Compared against when the runner is unknown or has no token: keeps the work constant.
    private static readonly byte[] NoHash = new byte[64];

    private readonly NetworkList _allowed;
    private readonly ClientAddressResolver _resolver;
    private readonly TimeProvider _time;
    private readonly TimeSpan _staleTokenGrace;

    public AccessChecker(IOptions<GatewayOptions> options, TimeProvider time)
    {
        var value = options.Value;
        _time = time;
        _staleTokenGrace = TimeSpan.FromSeconds(value.StaleTokenGraceSeconds);
        _allowed = NetworkList.Parse(value.AllowedNetworks, "Gateway:AllowedNetworks");
        _resolver = new ClientAddressResolver(NetworkList.Parse(value.TrustedProxies, "Gateway:TrustedProxies"));
    }

    /// <param name="freshAt">When the catalog last refreshed: its token hashes are trusted for the grace after it.</param>
    public AccessOutcome Check(HttpContext context, string runnerId, CatalogSnapshot catalog, DateTimeOffset freshAt)
    {
        var headers = context.Request.Headers;
        var token = headers[TokenHeader];
        // Never forwarded, never seen again by anything after this point.
        headers.Remove(TokenHeader);

        if (_allowed.Contains(ClientAddress(context)))
        {
            return AccessOutcome.AllowedByNetwork;
        }

        if (token.Count == 0 || string.IsNullOrEmpty(token[0]))
        {
            return AccessOutcome.DeniedNoToken;
        }

        var expected = catalog.TokenHashes.TryGetValue(runnerId, out var hash) && hash.Length == 64 ? hash : NoHash;
        var matches = token.Count == 1 && Matches(token[0]!, expected);
        if (_time.GetUtcNow() - freshAt > _staleTokenGrace)
        {
            // Fail closed: the hashes may be revoked already, and nothing here can tell.
            return AccessOutcome.DeniedStaleToken;
        }

        return matches && !ReferenceEquals(expected, NoHash) ? AccessOutcome.AllowedByToken : AccessOutcome.DeniedInvalidToken;
    }

    public IPAddress? ClientAddress(HttpContext context) =>
        _resolver.Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"]);

    /// <summary>SHA-256 of the token, as lower-case hex ASCII, compared in constant time.</summary>
    private static bool Matches(string token, byte[] expected)
    {
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(token.Length);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = System.Text.Encoding.UTF8.GetBytes(token, buffer);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buffer[..written], digest);
        CryptographicOperations.ZeroMemory(buffer);

        Span<byte> hex = stackalloc byte[64];
        for (var i = 0; i < 32; i++)
        {
            hex[2 * i] = HexDigit(digest[i] >> 4);
            hex[(2 * i) + 1] = HexDigit(digest[i] & 0xF);
        }

        return CryptographicOperations.FixedTimeEquals(hex, expected);
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);
}
