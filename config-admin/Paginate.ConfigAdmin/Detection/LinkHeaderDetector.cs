using System.Text.RegularExpressions;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>RFC 8288 <c>Link</c> headers (GitHub-style): <c>link_header</c>.</summary>
internal sealed partial class LinkHeaderDetector : IStyleDetector
{
    public void Detect(DetectionContext context)
    {
        var headers = context.Page.LinkHeaders;
        if (headers.Any(h => NextRel().IsMatch(h)))
        {
            context.Add(new PaginationSpec { Style = PaginationStyles.LinkHeader }, 0.95, "The Link header has rel=\"next\"");
        }
        else if (headers.Count > 0)
        {
            context.Add(new PaginationSpec { Style = PaginationStyles.LinkHeader }, 0.6, "A Link header is present (no rel=\"next\" on this page: maybe the last one)");
        }
    }

    [GeneratedRegex("rel\\s*=\\s*\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextRel();
}
