using System.Diagnostics.Metrics;
using Paginate.Engine.Paging;

namespace Paginate.Gateway.Telemetry;

/// <summary>
/// The contract's series (CONTRACT §5). Labels are runner ids, outcomes, stop reasons, denial reasons and
/// status numbers only: never a credential, query value or URL.
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Paginate.Gateway";

    // Seconds, from 5 ms to 5 minutes: calls loop over many pages, so the tail is long.
    private static readonly IReadOnlyList<double> CallBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly IReadOnlyList<double> RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _pages;
    private readonly Counter<long> _items;
    private readonly Counter<long> _upstreamRequests;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _accessDenied;
    private readonly Counter<long> _recordsDropped;
    private readonly Counter<double> _rateWait;
    private readonly Counter<long> _callsRejected;
    private readonly Counter<long> _cacheLookups;

    public GatewayMetrics(IMeterFactory meterFactory, GatewayState state)
    {
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>("paginate_calls_total", description: "Runner calls by outcome and stop reason.");
        _callDuration = _meter.CreateHistogram("paginate_call_duration_seconds", "s", "Duration of runner calls.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallBuckets });
        _pages = _meter.CreateCounter<long>("paginate_pages_total", description: "Upstream pages fetched.");
        _items = _meter.CreateCounter<long>("paginate_items_total", description: "Items returned to callers.");
        _upstreamRequests = _meter.CreateCounter<long>("paginate_upstream_requests_total", description: "Upstream requests by status code (0: no response).");
        _upstreamDuration = _meter.CreateHistogram("paginate_upstream_request_duration_seconds", "s", "Duration of single upstream requests.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestBuckets });
        _retries = _meter.CreateCounter<long>("paginate_retries_total", description: "Upstream page retries.");
        _accessDenied = _meter.CreateCounter<long>("paginate_access_denied_total", description: "Calls refused by the access check.");
        _recordsDropped = _meter.CreateCounter<long>("paginate_call_records_dropped_total", description: "Call records dropped because the writer was behind.");
        _rateWait = _meter.CreateCounter<double>("paginate_rate_limit_wait_seconds_total", description: "Seconds calls waited for rate-budget tokens and back-off holds.");
        _callsRejected = _meter.CreateCounter<long>("paginate_calls_rejected_total", description: "Calls refused before any upstream page, by reason.");
        _cacheLookups = _meter.CreateCounter<long>("paginate_cache_lookups_total", description: "Answer-cache lookups by result.");
        _meter.CreateObservableGauge("paginate_runners_loaded", () => (long)state.RunnersLoaded, description: "Runners in the served catalog.");
        _meter.CreateObservableGauge("paginate_catalog_stale", () => state.CatalogStale ? 1 : 0, description: "1 while the last catalog refresh failed and a cached catalog is served.");
        _meter.CreateObservableGauge("paginate_redis_connected", () => state.RedisConnected ? 1 : 0, description: "1 while the Redis connection is up.");
    }

    public void CallCompleted(string runnerId, string outcome, RunResult result, TimeSpan duration)
    {
        var id = new KeyValuePair<string, object?>("runner_id", runnerId);
        _calls.Add(1, id, new("outcome", outcome), new("stop_reason", result.StopReason));
        _callDuration.Record(duration.TotalSeconds, id);
        if (result.Pages > 0)
        {
            _pages.Add(result.Pages, id);
        }

        if (result.Items > 0)
        {
            _items.Add(result.Items, id);
        }

        if (result.Retries > 0)
        {
            _retries.Add(result.Retries, id);
        }

        if (result.RateWaitMs is > 0 and { } waitedMs)
        {
            RateLimitWaited(runnerId, TimeSpan.FromMilliseconds(waitedMs));
        }
    }

    public void UpstreamRequest(string runnerId, int? statusCode, TimeSpan duration)
    {
        _upstreamRequests.Add(1, new("runner_id", runnerId), new("status_code", StatusLabel(statusCode)));
        _upstreamDuration.Record(duration.TotalSeconds);
    }

    /// <summary>(v2) Seconds a call waited for rate-budget tokens and back-off holds (CONTRACT §6.10).</summary>
    public void RateLimitWaited(string runnerId, TimeSpan waited)
    {
        if (waited > TimeSpan.Zero)
        {
            _rateWait.Add(waited.TotalSeconds, new KeyValuePair<string, object?>("runner_id", runnerId));
        }
    }

    /// <summary>(v2) A call refused before any upstream page: <c>rate_limited</c>, <c>upstream_unavailable</c>, <c>overloaded</c>.</summary>
    public void CallRejected(string reason) => _callsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>(v2) An answer-cache lookup: <c>hit</c> or <c>miss</c> (CONTRACT §6.10).</summary>
    public void CacheLookup(string result) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", result));

    public void AccessDenied(string reason) => _accessDenied.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallRecordDropped() => _recordsDropped.Add(1);

    public void Dispose() => _meter.Dispose();

    private static string StatusLabel(int? statusCode) => statusCode switch
    {
        null => "0",
        200 => "200",
        404 => "404",
        429 => "429",
        500 => "500",
        502 => "502",
        503 => "503",
        504 => "504",
        { } code => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
