namespace Paginate.Engine.Paging;

/// <summary>Same-origin test for next links: scheme, host and port must all match (RFC 6454).</summary>
internal static class Origins
{
    public static bool Same(Uri candidate, Uri origin) =>
        candidate.IsAbsoluteUri
        && string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(candidate.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && candidate.Port == origin.Port;
}
