using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Gateway.Running;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Caching;

/// <summary>
/// The answer cache as the pagination middleware uses it (CONTRACT §6.5): the key of a call, serving a hit, and
/// keeping a complete answer after a miss. Runners without <c>cache.ttl_seconds</c> never reach it.
/// </summary>
internal sealed class CachedCalls
{
    private readonly AnswerCache _cache;
    private readonly ConcurrentDictionary<string, AnswerFlight> _flights = new(StringComparer.Ordinal);
    private int _waiting;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;

    public CachedCalls(AnswerCache cache, GatewayMetrics metrics, TimeProvider time)
    {
        _cache = cache;
        _metrics = metrics;
        _time = time;
    }

    /// <summary>The call's key, or null when the runner has no cache.</summary>
    public static string? KeyFor(string runnerId, int ttlSeconds, RunRequest request) =>
        ttlSeconds > 0 ? AnswerKey.Compute(runnerId, request.Values, request.ForwardedHeaders) : null;

    /// <summary>The answer body the run writes to: a copy is kept when the call may be cached.</summary>
    public Stream Body(Stream body, string? key) => key is null ? body : new CapturingStream(body, _cache.MaxAnswerBytes);

    /// <summary>
    /// Answers from the cache when it holds the call's answer, or from an identical call running now (followers wait
    /// for its complete answer), unless the caller asked <c>Cache-Control: no-cache</c> (then the run refreshes the
    /// entry). Otherwise the call runs, leading the identical calls that arrive meanwhile.
    /// </summary>
    /// <param name="startTimestamp">The call's start, a timestamp of the registered <see cref="TimeProvider"/>.</param>
    public async Task<CacheLookup> LookupAsync(HttpContext context, string runnerId, string key, long startTimestamp)
    {
        var refresh = context.Request.Headers.CacheControl.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));
        if (refresh)
        {
            _metrics.CacheLookup(CacheLookupResults.Miss);
            return new CacheLookup(null, null);
        }

        if (_cache.Get(key) is { } cached)
        {
            _metrics.CacheLookup(CacheLookupResults.Hit);
            return new CacheLookup(await ServeAsync(context, runnerId, cached, CacheLookupResults.Hit, startTimestamp).ConfigureAwait(false), null);
        }

        var mine = new AnswerFlight(key, _flights);
        var flight = _flights.GetOrAdd(key, mine);
        if (!ReferenceEquals(flight, mine) && await WaitAsync(flight, context.RequestAborted).ConfigureAwait(false) is { } shared)
        {
            _metrics.CacheLookup(CacheLookupResults.Shared);
            return new CacheLookup(await ServeAsync(context, runnerId, shared, CacheLookupResults.Shared, startTimestamp).ConfigureAwait(false), null);
        }

        // Leading a walk, or the walk waited for ended with nothing to share (failed, partial, too large): the
        // followers then run side by side rather than one after another.
        _metrics.CacheLookup(CacheLookupResults.Miss);
        return new CacheLookup(null, ReferenceEquals(flight, mine) ? mine : null);
    }

    /// <summary>Calls waiting for an identical call's walk right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private async Task<CachedAnswer?> WaitAsync(AnswerFlight flight, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await flight.Answer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async Task<RunResult> ServeAsync(HttpContext context, string runnerId, CachedAnswer answer, string how, long startTimestamp)
    {
        var result = answer.Result with { Cache = how, DurationMs = (long)_time.GetElapsedTime(startTimestamp).TotalMilliseconds, RateWaitMs = answer.Result.RateWaitMs is null ? null : 0 };
        var tail = new ArrayBufferWriter<byte>(256);
        tail.Write("],\"meta\":"u8);
        using (var writer = new Utf8JsonWriter(tail))
        {
            JsonResultWriter.WriteMeta(writer, runnerId, result);
        }

        tail.Write("}"u8);
        var response = context.Response;
        AnswerHeaders.Set(response);
        response.ContentLength = answer.Items.Length + tail.WrittenCount;
        await response.Body.WriteAsync(answer.Items, context.RequestAborted).ConfigureAwait(false);
        await response.Body.WriteAsync(tail.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// After a run, before <c>meta</c> is written: keeps a complete answer, hands it to the identical calls that
    /// waited, and marks the result a miss.
    /// </summary>
    public RunResult Complete(string? key, CacheLookup? lookup, Stream body, RunResult result, int ttlSeconds)
    {
        if (key is null)
        {
            return result;
        }

        if (body is CapturingStream { Captured: { } items })
        {
            var kept = _cache.Add(key, items, result, TimeSpan.FromSeconds(ttlSeconds));
            lookup?.Flight?.Publish(kept);
        }

        return result with { Cache = CacheLookupResults.Miss };
    }
}
