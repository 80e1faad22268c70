using Paginate.Engine.Contracts;
using Paginate.Engine.Http;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary><c>link_header</c>: the RFC 8288 <c>Link</c> header's <c>rel="next"</c> target (GitHub style).</summary>
internal sealed class LinkHeaderPagingStrategy : ReferencePagingStrategy<string>
{
    public override string Name => PaginationStyles.LinkHeader;

    protected override string? FindReference(PageContext page, out PageDecision? end)
    {
        end = null;
        return LinkHeader.FindTarget(page.Response.GetHeaderValues("Link"), "next") is { Length: > 0 } target ? target : null;
    }

    protected override PageRequest? Apply(PageRequest current, string reference) => FollowLink(current, reference);
}
