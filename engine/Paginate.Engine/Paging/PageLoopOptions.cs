using Paginate.Engine.Contracts;

namespace Paginate.Engine.Paging;

/// <summary>Host-level settings of the page loop.</summary>
public sealed record PageLoopOptions
{
    /// <summary>Clock for durations, delays and timeouts.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Cap on one decoded page body in bytes (default 32 MiB); larger is <c>response_too_large</c>.</summary>
    public long MaxPageBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Shared budget for page buffers across runs; null (the default): unbounded.</summary>
    public IPageBufferBudget? PageBuffers { get; init; }

    /// <summary>
    /// Rate budgets and back-off holds shared by every call (CONTRACT §6.1, §6.2); used for runs whose
    /// <see cref="RunRequest.RunnerId"/> is set. Null (the default): no budget, no holds.
    /// </summary>
    public Budgets.IUpstreamBudget? Budget { get; init; }
}
