using Paginate.Engine.Compilation;

namespace Paginate.Gateway.Running;

/// <summary>Per-request state of a runner call, set once access is granted.</summary>
internal sealed class RunnerCallFeature
{
    public RunnerCallFeature(string runnerId, CompiledRunner runner, long startTimestamp)
    {
        RunnerId = runnerId;
        Runner = runner;
        StartTimestamp = startTimestamp;
    }

    public string RunnerId { get; }

    public CompiledRunner Runner { get; }

    /// <summary>The gateway clock's <see cref="TimeProvider.GetTimestamp"/> when the call arrived.</summary>
    public long StartTimestamp { get; }
}
