using Paginate.Engine.Contracts;

namespace Paginate.Engine.Strategies;

/// <summary>
/// Shared logic of the styles that follow a reference handed out by the API (cursor, next link, Link
/// header): no reference (null, empty, missing) means no next page; the request is otherwise unchanged.
/// </summary>
/// <typeparam name="TReference">What the style reads: a link's text, or a cursor with its JSON type.</typeparam>
internal abstract class ReferencePagingStrategy<TReference> : IPagingStrategy
    where TReference : class
{
    public abstract string Name { get; }

    public PageDecision Start(PageRequest request) => PageDecision.Continue(request, PagingState.Initial);

    public PageDecision Next(PageContext page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var reference = FindReference(page, out var end);
        if (end is { } decided)
        {
            return decided;
        }

        if (reference is null)
        {
            return PageDecision.Stop(StopReasons.NoNextPage);
        }

        var next = Apply(page.Request, reference);
        return next is null ? PageDecision.Stop(StopReasons.NoNextPage) : PageDecision.Continue(next, page.State);
    }

    /// <summary>
    /// The reference to the next page, or null. <paramref name="end"/> is set when the page itself ends the run:
    /// a stop the API asked for (has_more false), or a failure (a reference the style cannot send).
    /// </summary>
    protected abstract TReference? FindReference(PageContext page, out PageDecision? end);

    /// <summary>The next request carrying <paramref name="reference"/>; null when it is unusable.</summary>
    protected abstract PageRequest? Apply(PageRequest current, TReference reference);

    /// <summary>
    /// Resolves an absolute or relative link against the URL of the page that carried it. The loop checks
    /// the origin of the result; this only refuses what is not a URL at all.
    /// </summary>
    protected static PageRequest? FollowLink(PageRequest current, string link) =>
        Uri.TryCreate(current.Uri, link.Trim(), out var next) && next.IsAbsoluteUri ? current with { Uri = next } : null;
}
