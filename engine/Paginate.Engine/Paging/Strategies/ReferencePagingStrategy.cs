namespace Paginate.Engine.Paging.Strategies;

/// <summary>
/// Shared logic of the styles that follow a reference handed out by the API (cursor, next link, Link
/// header): no reference (null, empty, missing) means no next page; the request is otherwise unchanged.
/// </summary>
internal abstract class ReferencePagingStrategy : IPagingStrategy
{
    public abstract string Name { get; }

    public PageDecision Start(PageRequest request) => PageDecision.Continue(request, PagingState.Initial);

    public PageDecision Next(PageContext page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var reference = FindReference(page, out var stop);
        if (stop is not null)
        {
            return PageDecision.Stop(stop);
        }

        if (reference is null)
        {
            return PageDecision.Stop(StopReasons.NoNextPage);
        }

        var next = Apply(page.Request, reference);
        return next is null ? PageDecision.Stop(StopReasons.NoNextPage) : PageDecision.Continue(next, page.State);
    }

    /// <summary>The reference to the next page, or null; <paramref name="stop"/> when the API said stop (has_more false).</summary>
    protected abstract string? FindReference(PageContext page, out string? stop);

    /// <summary>The next request carrying <paramref name="reference"/>; null when it is unusable.</summary>
    protected abstract PageRequest? Apply(PageRequest current, string reference);

    /// <summary>
    /// Resolves an absolute or relative link against the URL of the page that carried it. The loop checks
    /// the origin of the result; this only refuses what is not a URL at all.
    /// </summary>
    protected static PageRequest? FollowLink(PageRequest current, string link) =>
        Uri.TryCreate(current.Uri, link.Trim(), out var next) && next.IsAbsoluteUri ? current with { Uri = next } : null;
}
