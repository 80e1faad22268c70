using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Paginate.Engine.Output;
using Paginate.Engine.Paging;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Caching;

/// <summary>
/// The answer cache as the pagination middleware uses it (CONTRACT §6.5): the key of a call, serving a hit, and
/// keeping a complete answer after a miss. Runners without <c>cache.ttl_seconds</c> never reach it.
/// </summary>
internal sealed class CachedCalls
{
    public const string Miss = "miss";
    public const string Hit = "hit";

    private readonly AnswerCache _cache;
    private readonly GatewayMetrics _metrics;

    public CachedCalls(AnswerCache cache, GatewayMetrics metrics)
    {
        _cache = cache;
        _metrics = metrics;
    }

    /// <summary>The call's key, or null when the runner has no cache.</summary>
    public static string? KeyFor(string runnerId, int ttlSeconds, RunRequest request) =>
        ttlSeconds > 0 ? AnswerKey.Compute(runnerId, request.Values, request.ForwardedHeaders) : null;

    /// <summary>The answer body the run writes to: a copy is kept when the call may be cached.</summary>
    public Stream Body(Stream body, string? key) => key is null ? body : new CapturingStream(body, _cache.MaxAnswerBytes);

    /// <summary>
    /// Answers from the cache when it holds the call's answer, unless the caller asked <c>Cache-Control: no-cache</c>
    /// (then the run refreshes the entry). Returns the cached result when it answered, null to run.
    /// </summary>
    public async Task<RunResult?> TryServeAsync(HttpContext context, string runnerId, string key, long startTimestamp)
    {
        var refresh = context.Request.Headers.CacheControl.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));
        if (refresh || _cache.Get(key) is not { } answer)
        {
            _metrics.CacheLookup(Miss);
            return null;
        }

        _metrics.CacheLookup(Hit);
        var result = answer.Result with { Cache = Hit, DurationMs = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, RateWaitMs = answer.Result.RateWaitMs is null ? null : 0 };
        var tail = new ArrayBufferWriter<byte>(256);
        tail.Write("],\"meta\":"u8);
        using (var writer = new Utf8JsonWriter(tail))
        {
            JsonResultWriter.WriteMeta(writer, runnerId, result);
        }

        tail.Write("}"u8);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = answer.Items.Length + tail.WrittenCount;
        await response.Body.WriteAsync(answer.Items, context.RequestAborted).ConfigureAwait(false);
        await response.Body.WriteAsync(tail.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        return result;
    }

    /// <summary>After a run, before <c>meta</c> is written: keeps a complete answer and marks the result a miss.</summary>
    public RunResult Complete(string? key, Stream body, RunResult result, int ttlSeconds)
    {
        if (key is null)
        {
            return result;
        }

        if (body is CapturingStream { Captured: { } items })
        {
            _cache.Set(key, items, result, TimeSpan.FromSeconds(ttlSeconds));
        }

        return result with { Cache = Miss };
    }
}
