using Paginate.Engine.Contracts;
using Paginate.Engine.Strategies;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Paging;

/// <summary>One page requested ahead of time: the request, the state that goes with it, and its own cancellation.</summary>
internal sealed class AheadSlot : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private UInt128? _fingerprint;

    public AheadSlot(PageFetcher fetcher, PageRequest request, PagingState state, CancellationToken token)
    {
        Request = request;
        State = state;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        Task = fetcher.FetchAsync(request, _cts.Token);
    }

    public PageRequest Request { get; }

    /// <summary>The request's <see cref="RequestFingerprint"/>, hashed once when first asked for.</summary>
    public UInt128 Fingerprint => _fingerprint ??= RequestFingerprint.Of(Request);

    /// <summary>The guessed state, replaced by the strategy's own once the page before was read.</summary>
    public PagingState State { get; set; }

    public Task<PageAttempt> Task { get; }

    /// <summary>Cancels the request if it is still running and releases its answer, unread.</summary>
    public async Task DiscardAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        try
        {
            (await Task.ConfigureAwait(false)).Dispose();
        }
        catch (OperationCanceledException)
        {
            // Cancelled on purpose: the run no longer needs this page.
        }
    }

    public void Dispose() => _cts.Dispose();
}
