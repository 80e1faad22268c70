using Paginate.Engine.Storage;

namespace Paginate.Bench.Harness;

/// <summary>Everything a workload needs: the servers of this run, the runner store and a client.</summary>
internal sealed class BenchContext
{
    public required BenchOptions Options { get; init; }

    public required BenchLayout Layout { get; init; }

    public required RedisServer Redis { get; init; }

    public required IRunnerStore Store { get; init; }

    /// <summary>The bench's own connection to <see cref="Redis"/>, to see what the gateway wrote.</summary>
    public required StackExchange.Redis.IConnectionMultiplexer Connection { get; init; }

    public required DemoUpstream Upstream { get; init; }

    /// <summary>The gateway under test; started after the workloads published their runners, so it loads them at start.</summary>
    public GatewayServer Gateway { get; set; } = null!;

    public required HttpClient Client { get; init; }

    public NginxServer? Nginx { get; init; }

    public PeerClient? Peer { get; init; }

    /// <summary>Why nginx or the peer is missing, for the report.</summary>
    public Dictionary<string, string> Missing { get; } = [];

    /// <summary>Raw samples for bench/out (JSON).</summary>
    public Dictionary<string, object> Raw { get; } = [];

    public Action<string> Log { get; init; } = Console.WriteLine;

    /// <summary>The demo's page_number route with these knobs, without <c>page</c> (the runner or client adds it).</summary>
    public string PagesUrl(int pages, int delayMs, int? itemsPerPage = null, int itemBytes = 0) =>
        $"{Upstream.BaseUrl}/pages?per_page={itemsPerPage ?? Options.ItemsPerPage}&pages={pages}&delay_ms={delayMs}" +
        (itemBytes > 0 ? $"&item_bytes={itemBytes}" : "");

    /// <summary>Runner ids published into <see cref="Redis"/> by the workloads: the "small catalog".</summary>
    public List<string> Published { get; } = [];

    public int SmallCatalogSize => Published.Count;

    /// <summary>A cheap runner of the small catalog (a single-request one when there is one) to probe a gateway with.</summary>
    public string SmallCatalogProbe { get; set; } = "";

    /// <summary>Publishes a runner with an id unique to this run.</summary>
    public async Task<string> PublishAsync(string name, Paginate.Engine.Runners.RunnerDefinition definition)
    {
        var id = "rn_bench" + name;
        await BenchRunners.PublishAsync(Store, id, definition).ConfigureAwait(false);
        Published.Add(id);
        return id;
    }
}
