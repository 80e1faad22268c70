namespace Paginate.Bench.Harness;

/// <summary>One way of getting the same pages (the baseline loop, the gateway, the peer), as one timed call.</summary>
internal sealed record Mode(string Name, Func<CancellationToken, Task<CallResult>> CallAsync);
