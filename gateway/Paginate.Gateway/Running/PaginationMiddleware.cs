using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Admission;
using Paginate.Gateway.Caching;
using Paginate.Gateway.Circuits;
using Paginate.Gateway.Records;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Upstream;

namespace Paginate.Gateway.Running;

/// <summary>
/// Last step of YARP's proxy pipeline: adapts a call to the engine. Fills placeholders, picks the forwarded
/// headers, runs the page loop on the HTTP client of the origin cluster that YARP's proxy feature points at,
/// and streams the answer. Status and headers go out only after page 1 succeeded, so a failed first page is
/// still a clean 502/504; a later failure ends the stream with the partial answer.
/// </summary>
/// <remarks>
/// Terminal on purpose: it never calls <c>next</c>, which in YARP's pipeline is the forwarder. Every runner
/// answer is the engine's <c>{ items, meta }</c> (CONTRACT §2), so no request is ever forwarded raw; YARP
/// owns the route, the per-origin clients and their health, the engine owns the pages.
/// </remarks>
internal sealed class PaginationMiddleware
{
    private readonly ILogger<PaginationMiddleware> _logger;
    private readonly PageLoopOptions _loopOptions;
    private readonly GatewayMetrics _metrics;
    private readonly CallRecordQueue _records;
    private readonly CallAdmission _admission;
    private readonly CachedCalls _cache;
    private readonly OriginCircuits _circuits;

    public PaginationMiddleware(
        RequestDelegate next,
        ILogger<PaginationMiddleware> logger,
        PageLoopOptions loopOptions,
        GatewayMetrics metrics,
        CallRecordQueue records,
        CallAdmission admission,
        CachedCalls cache,
        OriginCircuits circuits)
    {
        _circuits = circuits;
        _admission = admission;
        _cache = cache;
        // Terminal: next is YARP's forwarder, and no runner call is forwarded raw (see remarks).
        _ = next;
        _logger = logger;
        _loopOptions = loopOptions;
        _metrics = metrics;
        _records = records;
    }

    public async Task Invoke(HttpContext context)
    {
        var call = context.Features.Get<RunnerCallFeature>()
            ?? throw new InvalidOperationException("The access check must run before the pagination middleware.");
        // The caller hanging up, or the drain time running out at shutdown, stops the run.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _admission.DrainExpired);
        var aborted = stop.Token;

        var values = await CallInputs.ReadValuesAsync(context.Request, call.Runner, aborted).ConfigureAwait(false);
        if (values.InvalidBody)
        {
            RunLog.InvalidBody(_logger, UpstreamClusters.RouteTemplate, call.RunnerId);
            await Problems.InvalidBodyAsync(context).ConfigureAwait(false);
            return;
        }

        if (values.Missing is { } missing)
        {
            RunLog.MissingPlaceholder(_logger, UpstreamClusters.RouteTemplate, call.RunnerId, missing);
            await Problems.MissingPlaceholderAsync(context, missing).ConfigureAwait(false);
            return;
        }

        var request = new RunRequest
        {
            RunnerId = call.RunnerId,
            Values = values.Found!,
            ForwardedHeaders = CallInputs.ReadForwardedHeaders(context.Request, call.Runner),
            Observer = new MetricsRunObserver(_metrics, call.RunnerId),
        };

        // Answer cache hook (CONTRACT §6.5): a hit or an identical call's answer is served here; a miss runs with a copy kept.
        var ttl = call.Runner.Definition.Cache.TtlSeconds;
        var cacheKey = CachedCalls.KeyFor(call.RunnerId, ttl, request);
        using var lookup = cacheKey is null ? null : await _cache.LookupAsync(context, call.RunnerId, cacheKey, call.StartTimestamp).ConfigureAwait(false);
        if (lookup?.Served is { } hit)
        {
            Complete(call, hit with { Pages = 0, Retries = 0 });
            return;
        }

        // Fail-fast origins (CONTRACT §6.3): an open circuit refuses the call before any upstream request.
        var proxy = context.GetReverseProxyFeature();
        using var pass = _circuits.Enter(proxy.Cluster.Config.ClusterId);
        if (!pass.Allowed)
        {
            _metrics.CallRejected(RejectionReasons.UpstreamUnavailable);
            CircuitLog.Refused(_logger, UpstreamClusters.RouteTemplate, call.RunnerId);
            await Problems.UpstreamUnavailableAsync(context, pass.RetryAfter).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        var body = _cache.Body(response.Body, cacheKey);
        await using var capture = body as CapturingStream; // never the response body itself: the server owns it
        await using var writer = new JsonResultWriter(body, ct =>
        {
            AnswerHeaders.Set(response);
            return new ValueTask(response.StartAsync(ct));
        });

        RunResult result;
        try
        {
            // The origin cluster's client (set by the access step): its pool, HTTP settings and SSRF guard.
            var loop = new PageLoop(proxy.Cluster.HttpClient, _loopOptions);
            result = await loop.RunAsync(call.Runner, request, writer, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            result = new RunResult { StopReason = StopReasons.ClientCancelled };
        }
        catch (PlaceholderException ex) when (!writer.Started)
        {
            // Thrown while page 1's URL is built; its message names the placeholder, never the value.
            RunLog.InvalidPlaceholder(_logger, UpstreamClusters.RouteTemplate, call.RunnerId, ex.Name);
            await Problems.InvalidPlaceholderAsync(context, ex.Name, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            RunLog.RunFailed(_logger, UpstreamClusters.RouteTemplate, call.RunnerId, ex.GetType().Name);
            Complete(call, new RunResult { StopReason = StopReasons.UpstreamError, ErrorCode = "internal_error", Partial = writer.Started });
            if (writer.Started)
            {
                // The 200 is already out: cutting the connection is the only honest signal left.
                context.Abort();
            }
            else
            {
                await Problems.InternalErrorAsync(context).ConfigureAwait(false);
            }

            return;
        }

        Complete(call, result);
        if (aborted.IsCancellationRequested || result.StopReason == StopReasons.ClientCancelled)
        {
            if (_admission.DrainExpired.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                if (writer.Started)
                {
                    // Cut at shutdown: an unfinished stream must not look like a complete answer.
                    context.Abort();
                }
                else
                {
                    await Problems.DrainingAsync(context).ConfigureAwait(false);
                }
            }

            return;
        }

        if (result.FirstPageFailed && !writer.Started)
        {
            switch (result.ErrorCode)
            {
                case ErrorCodes.Overloaded:
                    _metrics.CallRejected(RejectionReasons.Overloaded);
                    await Problems.OverloadedAsync(context).ConfigureAwait(false);
                    break;
                case ErrorCodes.RateLimited:
                    _metrics.CallRejected(RejectionReasons.RateLimited);
                    await Problems.RateLimitedAsync(context, result.RetryAfter).ConfigureAwait(false);
                    break;
                default:
                    await Problems.UpstreamFailedAsync(context, result.StopReason == StopReasons.Timeout, result.UpstreamStatus, result.ErrorCode, result.ErrorDetail)
                        .ConfigureAwait(false);
                    break;
            }

            return;
        }

        try
        {
            result = _cache.Complete(cacheKey, lookup, body, result, ttl);
            await writer.CompleteAsync(call.RunnerId, result, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }

    private void Complete(RunnerCallFeature call, RunResult result)
    {
        var elapsed = _loopOptions.Time.GetElapsedTime(call.StartTimestamp);
        var durationMs = (long)elapsed.TotalMilliseconds;
        var record = CallRecord.From(result with { DurationMs = durationMs }, CallRecord.LiveMode, _loopOptions.Time.GetUtcNow() - elapsed);
        var outcome = record.Outcome;
        _metrics.CallCompleted(call.RunnerId, outcome, result, elapsed);
        if (result.StopReason == StopReasons.ClientCancelled)
        {
            RunLog.ClientCancelled(_logger, UpstreamClusters.RouteTemplate, call.RunnerId, durationMs);
        }
        else
        {
            RunLog.CallCompleted(_logger, UpstreamClusters.RouteTemplate, call.RunnerId, outcome, result.StopReason, result.Pages, result.Items, result.UpstreamStatus, durationMs);
        }

        _records.Enqueue(call.RunnerId, record);
    }
}
