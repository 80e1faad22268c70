using System.Net;

namespace Paginate.Bench.Clients;

/// <summary>The HTTP clients of the benchmark: pooled keep-alive connections, no proxy, no decompression, no client timeout.</summary>
internal static class BenchHttp
{
    public static HttpClient Create(int maxConnections = int.MaxValue) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
