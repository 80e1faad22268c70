using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Caching;

/// <summary>
/// What a cache lookup decided: the call was answered (a hit, or an identical call's shared answer), or it runs.
/// A call that runs as the leader of identical calls holds <see cref="Flight"/>; disposing it releases the
/// followers on every way out (they run themselves when no answer was published).
/// </summary>
internal sealed class CacheLookup : IDisposable
{
    public CacheLookup(RunResult? served, AnswerFlight? flight)
    {
        Served = served;
        Flight = flight;
    }

    /// <summary>The answered call's result; null when the call must run.</summary>
    public RunResult? Served { get; }

    /// <summary>Set when this call leads identical calls arriving while it runs.</summary>
    public AnswerFlight? Flight { get; }

    public void Dispose() => Flight?.Dispose();
}
