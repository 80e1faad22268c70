using System.Text;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Paging;

/// <summary>
/// A page URL fit for a trace: no user info, no fragment, every query VALUE replaced by <c>***</c>, and every
/// placeholder value masked wherever else it appears (path, query names).
/// </summary>
internal static class TraceUrl
{
    public static string Mask(Uri uri, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(secrets);
        var builder = new StringBuilder();
        builder.Append(uri.Scheme).Append("://").Append(uri.Authority);
        builder.Append(SecretMask.Apply(uri.AbsolutePath, secrets));
        var query = uri.Query.Length > 1 ? uri.Query[1..] : string.Empty;
        var first = true;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            builder.Append(first ? '?' : '&').Append(SecretMask.Apply(name, secrets)).Append('=').Append(SecretMask.Mask);
            first = false;
        }

        return builder.ToString();
    }
}
