using Paginate.Bench.Harness;
using Paginate.Bench.Reporting;

namespace Paginate.Bench.Workloads;

/// <summary>One numbered workload of the benchmark issue.</summary>
internal interface IWorkload
{
    /// <summary>The workload numbers it covers (for <c>--only</c>).</summary>
    IReadOnlyList<int> Numbers { get; }

    /// <summary>Publishes its runners; runs before the gateway starts, so the gateway loads them at start.</summary>
    Task PrepareAsync(BenchContext context);

    /// <summary>Runs and returns its report sections; failures are reported, not thrown.</summary>
    Task<IReadOnlyList<Section>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
