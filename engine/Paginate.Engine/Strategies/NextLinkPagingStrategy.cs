using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary>
/// <c>next_link</c>: the URL at <c>next_link_path</c> (default: <c>links.next</c>, then <c>next</c>, then
/// <c>paging.next.link</c>), absolute or relative to the current URL. A JSON:API link object
/// (<c>{ "href": ... }</c>) is accepted too. Same method, headers and body as the current request.
/// </summary>
internal sealed class NextLinkPagingStrategy : ReferencePagingStrategy<string>
{
    private readonly IReadOnlyList<JsonPath> _paths;

    public NextLinkPagingStrategy(IReadOnlyList<JsonPath> paths) => _paths = paths;

    public override string Name => PaginationStyles.NextLink;

    protected override string? FindReference(PageContext page, out PageDecision? end)
    {
        end = null;
        foreach (var path in _paths)
        {
            if (!PagingValues.TryGet(path, page.Response, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("href"u8, out var href))
            {
                value = href;
            }

            return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } link ? link : null;
        }

        return null;
    }

    protected override PageRequest? Apply(PageRequest current, string reference) => FollowLink(current, reference);
}
