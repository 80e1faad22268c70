using Paginate.Engine.Contracts;

namespace Paginate.Engine.Upstream;

/// <summary>
/// The outcome of one upstream request: a parsed page, or a coarse failure that may be retried. Owns the
/// response, the pooled body and the page's scan; disposing releases them (Polly disposes the attempts
/// it retries).
/// </summary>
internal sealed class PageAttempt : IDisposable
{
    private HttpResponseMessage? _response;
    private PooledBuffer? _buffer;
    private PageResponse? _page;

    private PageAttempt()
    {
    }

    /// <summary>The HTTP status; null on a network fault or timeout before the headers came.</summary>
    public int? Status { get; private init; }

    /// <summary>Null on success; otherwise one of the <c>ErrorCodes</c>.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>Safe failure description (no URL, header or placeholder value).</summary>
    public string? Detail { get; private init; }

    /// <summary>True for 429/502/503/504, network faults and page timeouts.</summary>
    public bool Retryable { get; private init; }

    /// <summary>The upstream's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The parsed page when <see cref="Succeeded"/>.</summary>
    public PageResponse? Page { get; private init; }

    public bool Succeeded => ErrorCode is null;

    /// <summary>Retries this page took (set by the fetcher).</summary>
    public int Retries { get; set; }

    /// <summary>Time this page took, retries included (set by the fetcher).</summary>
    public TimeSpan Duration { get; set; }

    public static PageAttempt Success(HttpResponseMessage response, PooledBuffer buffer, PageResponse page) =>
        new() { Status = (int)response.StatusCode, _response = response, _buffer = buffer, _page = page, Page = page };

    public static PageAttempt Failure(int? status, string errorCode, string detail, bool retryable = false, TimeSpan? retryAfter = null) =>
        new() { Status = status, ErrorCode = errorCode, Detail = detail, Retryable = retryable, RetryAfter = retryAfter };

    public void Dispose()
    {
        Interlocked.Exchange(ref _page, null)?.Dispose();
        Interlocked.Exchange(ref _buffer, null)?.Dispose();
        Interlocked.Exchange(ref _response, null)?.Dispose();
    }
}
