namespace Paginate.Bench.Harness;

/// <summary>wrk's summary of one run.</summary>
internal sealed record WrkResult
{
    public double RequestsPerSecond { get; init; }

    public long Requests { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    public long Non2xx { get; init; }

    public long SocketErrors { get; init; }
}
