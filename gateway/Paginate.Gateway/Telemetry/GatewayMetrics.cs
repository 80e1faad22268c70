using System.Diagnostics.Metrics;
using System.Globalization;
using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Telemetry;

/// <summary>
/// The contract's series (CONTRACT §5 and §6.10). Labels are runner ids, outcomes, stop reasons, denial and
/// rejection reasons, cache results, status numbers and error types only: never a credential, query value,
/// origin or URL. Histograms carry no runner id: 10k runners x buckets x replicas is too many series; per-runner
/// averages come from <c>paginate_call_seconds_total</c> over <c>paginate_calls_total</c>.
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Paginate.Gateway";

    /// <summary>The <c>error_type</c> of an upstream request that got no HTTP answer (connect failure, TLS, timeout, refused address).</summary>
    public const string NoResponse = "no_response";

    // Seconds, from 5 ms to 5 minutes: calls loop over many pages, so the tail is long.
    private static readonly IReadOnlyList<double> CallBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly IReadOnlyList<double> RequestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<double> _callSeconds;
    private readonly Counter<long> _pages;
    private readonly Counter<long> _items;
    private readonly Counter<long> _upstreamRequests;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _accessDenied;
    private readonly Counter<long> _recordsDropped;
    private readonly Counter<double> _rateLimitWait;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _callsRejected;
    private Func<int> _circuitsOpen = static () => 0;

    public GatewayMetrics(IMeterFactory meterFactory, GatewayState state)
    {
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>("paginate_calls_total", description: "Runner calls by outcome and stop reason.");
        _callDuration = _meter.CreateHistogram("paginate_call_duration_seconds", "s", "Duration of runner calls, all runners together.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallBuckets });

        // No unit on the counters in seconds: the exporter would append "_seconds" after "_total".
        _callSeconds = _meter.CreateCounter<double>("paginate_call_seconds_total", description: "Seconds spent in runner calls, per runner (divide by paginate_calls_total for the average).");
        _pages = _meter.CreateCounter<long>("paginate_pages_total", description: "Upstream pages fetched.");
        _items = _meter.CreateCounter<long>("paginate_items_total", description: "Items returned to callers.");
        _upstreamRequests = _meter.CreateCounter<long>("paginate_upstream_requests_total", description: "Upstream requests by status code, or by error_type when no HTTP answer came.");
        _upstreamDuration = _meter.CreateHistogram("paginate_upstream_request_duration_seconds", "s", "Duration of single upstream requests.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RequestBuckets });
        _retries = _meter.CreateCounter<long>("paginate_retries_total", description: "Upstream page retries.");
        _accessDenied = _meter.CreateCounter<long>("paginate_access_denied_total", description: "Calls refused by the access check.");
        _recordsDropped = _meter.CreateCounter<long>("paginate_call_records_dropped_total", description: "Call records dropped because the writer was behind.");
        _rateLimitWait = _meter.CreateCounter<double>("paginate_rate_limit_wait_seconds_total", description: "Seconds calls waited for the runner's rate budget or a shared back-off.");
        _cacheLookups = _meter.CreateCounter<long>("paginate_cache_lookups_total", description: "Answer cache lookups by result (hit, miss, shared).");
        _callsRejected = _meter.CreateCounter<long>("paginate_calls_rejected_total", description: "Calls refused before any upstream request, by reason.");
        _meter.CreateObservableGauge("paginate_runners_loaded", () => (long)state.RunnersLoaded, description: "Runners in the served catalog.");
        _meter.CreateObservableGauge("paginate_catalog_stale", () => state.CatalogStale ? 1 : 0, description: "1 while the last catalog refresh failed and a cached catalog is served.");
        _meter.CreateObservableGauge("paginate_redis_connected", () => state.RedisConnected ? 1 : 0, description: "1 while the Redis connection is up.");
        _meter.CreateObservableGauge("paginate_circuits_open", () => (long)Volatile.Read(ref _circuitsOpen)(), description: "Upstream origins whose circuit is open (calls refused fast).");
    }

    public void CallCompleted(string runnerId, string outcome, RunResult result, TimeSpan duration)
    {
        var id = new KeyValuePair<string, object?>("runner_id", runnerId);
        _calls.Add(1, id, new("outcome", outcome), new("stop_reason", result.StopReason));
        _callDuration.Record(duration.TotalSeconds);
        _callSeconds.Add(duration.TotalSeconds, id);
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

    /// <param name="statusCode">The upstream's HTTP status, or null when no answer came (then the series has <c>error_type</c>).</param>
    public void UpstreamRequest(string runnerId, int? statusCode, TimeSpan duration)
    {
        var id = new KeyValuePair<string, object?>("runner_id", runnerId);
        if (statusCode is { } code)
        {
            _upstreamRequests.Add(1, id, new("status_code", StatusLabel(code)));
        }
        else
        {
            _upstreamRequests.Add(1, id, new("error_type", NoResponse));
        }

        _upstreamDuration.Record(duration.TotalSeconds);
    }

    public void AccessDenied(string reason) => _accessDenied.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallRecordDropped() => _recordsDropped.Add(1);

    public void CallRecordDropped(int count) => _recordsDropped.Add(count);

    /// <summary>A call waited <paramref name="waited"/> for a rate-budget token or a shared back-off (CONTRACT 6.1, 6.2).</summary>
    public void RateLimitWaited(string runnerId, TimeSpan waited)
    {
        if (waited > TimeSpan.Zero)
        {
            _rateLimitWait.Add(waited.TotalSeconds, new KeyValuePair<string, object?>("runner_id", runnerId));
        }
    }

    /// <summary>One answer-cache lookup (CONTRACT 6.5); <paramref name="result"/> is one of <see cref="CacheLookupResults"/>.</summary>
    public void CacheLookup(string result) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", CacheLookupResults.Label(result)));

    /// <summary>One call refused before any upstream request; <paramref name="reason"/> is one of <see cref="RejectionReasons"/>.</summary>
    public void CallRejected(string reason) => _callsRejected.Add(1, new KeyValuePair<string, object?>("reason", RejectionReasons.Label(reason)));

    /// <summary>
    /// Sets what <c>paginate_circuits_open</c> reports at each scrape (the circuit registry's open count).
    /// Until set, the gauge is 0. The callback runs on the scrape thread and must be cheap and not throw.
    /// </summary>
    public void ObserveCircuitsOpen(Func<int> openCircuits)
    {
        ArgumentNullException.ThrowIfNull(openCircuits);
        Volatile.Write(ref _circuitsOpen, openCircuits);
    }

    public void Dispose() => _meter.Dispose();

    private static string StatusLabel(int statusCode) => statusCode switch
    {
        200 => "200",
        404 => "404",
        429 => "429",
        500 => "500",
        502 => "502",
        503 => "503",
        504 => "504",
        _ => statusCode.ToString(CultureInfo.InvariantCulture),
    };
}
