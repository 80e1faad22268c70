namespace Paginate.Gateway.Circuits;

/// <summary>
/// The circuit's answer to one call. Disposing a probe's pass that reported nothing (the call ended before any
/// upstream request) lets the next call probe instead, so a half-open circuit cannot stay stuck.
/// </summary>
internal sealed class CircuitPass : IDisposable
{
    /// <summary>A call on a closed circuit: nothing to release.</summary>
    public static readonly CircuitPass Free = new(null, allowed: true, TimeSpan.Zero);

    private readonly OriginCircuit? _probeOf;

    private CircuitPass(OriginCircuit? probeOf, bool allowed, TimeSpan retryAfter)
    {
        _probeOf = probeOf;
        Allowed = allowed;
        RetryAfter = retryAfter;
    }

    /// <summary>False: refuse the call at once with <c>upstream_unavailable</c>.</summary>
    public bool Allowed { get; }

    /// <summary>When a refused caller may try again.</summary>
    public TimeSpan RetryAfter { get; }

    public static CircuitPass Refused(TimeSpan retryAfter) => new(null, allowed: false, retryAfter);

    public static CircuitPass Probe(OriginCircuit circuit) => new(circuit, allowed: true, TimeSpan.Zero);

    public void Dispose() => _probeOf?.ProbeEnded();
}
