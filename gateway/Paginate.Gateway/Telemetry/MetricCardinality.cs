namespace Paginate.Gateway.Telemetry;

/// <summary>
/// Series per instrument before OpenTelemetry folds the rest into one <c>otel_metric_overflow="true"</c> series.
/// Sized for 10,000 runners. OpenTelemetry allocates every instrument's series table at its limit up front,
/// so one large limit on every instrument costs memory for series that can never exist: instruments without a
/// runner id keep the SDK default (2,000).
/// </summary>
internal static class MetricCardinality
{
    /// <summary>The runner count the limits are sized for; past it, per-runner series start to overflow.</summary>
    public const int Runners = 10_000;

    /// <summary>One series per runner, with 60% headroom for runners created while old ones still report.</summary>
    public const int PerRunner = 16_384;

    /// <summary>A runner id times a small label (outcome x stop reason, or status code): about six per runner.</summary>
    public const int PerRunnerAndLabel = 65_536;

    /// <summary>The limit for one of the gateway's instruments, or null for the SDK default.</summary>
    public static int? For(string instrumentName) => instrumentName switch
    {
        "paginate_calls_total" or "paginate_upstream_requests_total" => PerRunnerAndLabel,
        "paginate_call_seconds_total" or "paginate_pages_total" or "paginate_items_total" or "paginate_retries_total"
            or "paginate_rate_limit_wait_seconds_total" => PerRunner,
        _ => null,
    };
}
