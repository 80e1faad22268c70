namespace Paginate.Gateway.Circuits;

/// <summary>The <c>Gateway:Circuit</c> section: when an upstream origin fails fast (CONTRACT §6.3).</summary>
public sealed class CircuitOptions
{
    /// <summary>Failed upstream requests in a row (connection failures, 502, 503, 504) that open an origin's circuit (default 5).</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>How long an open circuit refuses calls before one probe call is let through (default 30).</summary>
    public int CoolDownSeconds { get; init; } = 30;
}
