using Paginate.Engine.Contracts;

namespace Paginate.Engine.Strategies;

/// <summary>
/// One pagination style, shaped like a dlt paginator: read the page just received, update the run's
/// state, prepare the next request, or say why there is no next page. Stateless and shared between
/// concurrent runs: a run's state travels in <see cref="PagingState"/>. Created once per runner, when it
/// is compiled (paths are parsed then, never per page).
/// </summary>
/// <remarks>
/// The loop owns every rule that is the same for all styles (max pages, max items, empty page when
/// <c>stop_on_empty_page</c>, repeated requests, cross-origin next links, timeouts). A strategy only says
/// what its own style knows: the next request, or one of <see cref="StopReasons"/>.
/// </remarks>
internal interface IPagingStrategy
{
    /// <summary>The style name (<see cref="Runners.PaginationStyles"/>).</summary>
    string Name { get; }

    /// <summary>
    /// The first request of a run, built from <paramref name="request"/> (url and body with placeholders
    /// expanded, static headers), e.g. with the start page or offset set, and the initial state.
    /// Always returns a decision with <see cref="PageDecision.Next"/> set.
    /// </summary>
    PageDecision Start(PageRequest request);

    /// <summary>
    /// Reads the page just received and returns the next request (with the updated state) or a stop
    /// reason. Values read from <see cref="PageContext.Response"/> must be copied out: the page's JSON is
    /// released once this returns.
    /// </summary>
    PageDecision Next(PageContext page);

    /// <summary>
    /// When the first page reveals the total (pages or items), the requests of the remaining pages, at
    /// most <paramref name="maxRequests"/> of them, so the loop may fetch them concurrently. Null when the
    /// total is unknown or the style cannot know its later requests in advance (the default).
    /// </summary>
    RangePlan? PlanRemaining(PageContext firstPage, int maxRequests) => null;

    /// <summary>
    /// When page 1 did not reveal the total: whether later pages may be requested ahead of time (CONTRACT §1,
    /// <c>max_concurrency</c>), each guessed with <see cref="Ahead"/>. False by default.
    /// </summary>
    bool CanFetchAhead(PageContext firstPage) => false;

    /// <summary>
    /// The request (and its state) that follows <paramref name="request"/> if that page comes back full: a guess, used
    /// only when it equals what <see cref="Next"/> later returns. Called only when <see cref="CanFetchAhead"/> said yes.
    /// </summary>
    PageDecision Ahead(PageRequest request, PagingState state) => throw new NotSupportedException();

    /// <summary>
    /// A page failed with <paramref name="status"/> after the loop's own retries: when the style's own rules call
    /// that throttled (a script's <c>@request.ratelimit.set</c> allowlist), how long to wait before asking for the
    /// same page again; null to let the failure stand (the default). <paramref name="retried"/> counts the
    /// throttled retries this page already had.
    /// </summary>
    TimeSpan? RetryThrottled(PagingState state, int? status, TimeSpan? retryAfter, int retried) => null;
}
