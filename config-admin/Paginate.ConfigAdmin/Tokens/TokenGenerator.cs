using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Paginate.ConfigAdmin.Tokens;

/// <summary>Runner tokens: <c>cpt_</c> + 43 URL-safe base64 characters (256 random bits), stored as SHA-256.</summary>
internal static class TokenGenerator
{
    public const string Prefix = "cpt_";

    public static string NewToken() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes: the only form that is stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
