using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.Bench.Harness;

/// <summary>
/// The runners the workloads call, published straight into Redis through the engine's runner store
/// (the same write the admin API does: SET NX, index, version bump, pub/sub).
/// </summary>
internal static class BenchRunners
{
    /// <summary>
    /// A page_number runner over the demo's <c>/pages</c> route: page 1 tells <c>total_pages</c>, so
    /// with <paramref name="maxConcurrency"/> above 1 the rest may be fetched at once. No retries: a
    /// failed page must show as an error, not as a slower sample.
    /// </summary>
    public static RunnerDefinition PageNumber(string name, string pagesUrl, int maxConcurrency, int maxPages) => new()
    {
        Name = name,
        Description = "benchmark runner",
        Request = new RequestSpec { Method = "GET", Url = pagesUrl },
        Pagination = new PaginationSpec
        {
            Style = PaginationStyles.PageNumber,
            PageParam = ParamPlacement.Query("page"),
            StartPage = 1,
            TotalPagesPath = "total_pages",
        },
        Response = new ResponseSpec { ItemsPath = "data" },
        Shape = new ShapeSpec { Mode = ShapeModes.Full },
        Limits = new LimitsSpec
        {
            MaxPages = maxPages,
            MaxConcurrency = maxConcurrency,
            MaxRetries = 0,
            PageTimeoutMs = 60_000,
            TotalTimeoutMs = 900_000,
        },
    };

    /// <summary>A single-request runner (<c>none</c> style, <c>full</c> shape) whose answer body is the items array.</summary>
    public static RunnerDefinition PassThrough(string name, string url) => new()
    {
        Name = name,
        Description = "benchmark runner",
        Request = new RequestSpec { Method = "GET", Url = url },
        Pagination = new PaginationSpec { Style = PaginationStyles.None },
        Response = new ResponseSpec { ItemsPath = "" },
        Shape = new ShapeSpec { Mode = ShapeModes.Full },
        Limits = new LimitsSpec { MaxPages = 1, MaxRetries = 0 },
    };

    /// <summary>Publishes a runner; fails loudly when the id is taken (ids are unique per run).</summary>
    public static async Task PublishAsync(IRunnerStore store, string id, RunnerDefinition definition, CancellationToken cancellationToken = default)
    {
        var stored = new StoredRunner { Id = id, CreatedAt = DateTimeOffset.UtcNow, Config = definition };
        if (!await store.TryCreateAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("runner id already taken: " + id);
        }
    }
}
