using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Telemetry;

/// <summary>The <c>reason</c> values of <c>paginate_calls_rejected_total</c> (CONTRACT 6.10): the <c>error_code</c> of the refusal.</summary>
public static class RejectionReasons
{
    public const string RateLimited = ErrorCodes.RateLimited;
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string Overloaded = ErrorCodes.Overloaded;

    /// <summary>Anything else becomes "other": a label value must never be free text (it could carry a URL or a secret).</summary>
    internal static string Label(string reason) => reason switch
    {
        RateLimited or UpstreamUnavailable or Overloaded => reason,
        _ => "other",
    };
}
