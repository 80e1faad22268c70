namespace Paginate.Gateway.Telemetry;

/// <summary>The <c>reason</c> values of <c>paginate_calls_rejected_total</c> (CONTRACT 6.10).</summary>
public static class RejectionReasons
{
    public const string RateLimited = "rate_limited";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string Overloaded = "overloaded";

    /// <summary>Anything else becomes "other": a label value must never be free text (it could carry a URL or a secret).</summary>
    internal static string Label(string reason) => reason switch
    {
        RateLimited or UpstreamUnavailable or Overloaded => reason,
        _ => "other",
    };
}
