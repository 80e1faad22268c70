using System.Security.Cryptography;
using System.Text;
using Paginate.Engine.Budgets;

namespace Paginate.Gateway.Caching;

/// <summary>
/// The cache key of a call (CONTRACT §6.5): a SHA-256 over the runner id, every placeholder value and every
/// forwarded header value, so a caller with another credential or other inputs never gets another's answer. Only
/// the hash is kept: the key itself never holds a value.
/// </summary>
internal static class AnswerKey
{
    public static string Compute(string runnerId, IReadOnlyDictionary<string, string> values, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        // Every piece is length-prefixed and the groups are ordered, so no two different inputs write the same text.
        var text = new StringBuilder();
        Add(text, runnerId);
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Add(text, "v").Append(' ');
            Add(text, name);
            Add(text, value);
        }

        // The headers in the same canonical text the credential budget hashes, as one length-prefixed piece.
        Add(text, "h").Append(' ');
        Add(text, BudgetScopes.CanonicalHeaderText(headers));

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static StringBuilder Add(StringBuilder text, string piece) =>
        text.Append(piece.Length).Append(':').Append(piece).Append(';');
}
