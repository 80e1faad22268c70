namespace Paginate.Bench.Harness;

/// <summary>Where the built apps, tools and outputs are. <c>bench/run.sh</c> passes every path.</summary>
internal sealed record BenchLayout
{
    /// <summary>The gateway's Release build (<c>Paginate.Gateway.dll</c>).</summary>
    public required string GatewayDll { get; init; }

    /// <summary>The demo upstream's Release build (<c>Paginate.DemoApi.dll</c>).</summary>
    public required string DemoDll { get; init; }

    /// <summary>The nginx config template (<c>bench/nginx/nginx.conf.template</c>).</summary>
    public required string NginxTemplate { get; init; }

    /// <summary>The node binary that runs the peer.</summary>
    public required string Node { get; init; }

    /// <summary><c>bench/node/peer.mjs</c>.</summary>
    public required string PeerScript { get; init; }

    /// <summary>A fresh temp folder for server state and logs.</summary>
    public required string WorkDir { get; init; }

    /// <summary>Where the markdown report goes.</summary>
    public required string ResultsPath { get; init; }

    /// <summary>Where the raw samples go (JSON), beside the build output.</summary>
    public required string RawPath { get; init; }

    /// <summary>File the running servers' pids are written to, for the shell trap.</summary>
    public string? PidFile { get; init; }
}
