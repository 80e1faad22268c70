using System.Diagnostics;

namespace Paginate.Bench.Harness;

/// <summary>Bounded waits: every wait of the benchmark ends by itself.</summary>
internal static class Wait
{
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Polls <paramref name="url"/> until it answers 200; returns the elapsed time, or throws after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> ForHttpOkAsync(string url, TimeSpan timeout, ServerProcess? server = null, int pollMs = 10)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (server is { HasExited: true })
            {
                throw new InvalidOperationException($"{server.Name} exited before {url} answered (see its log)");
            }

            try
            {
                using var response = await Probe.GetAsync(url).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(pollMs).ConfigureAwait(false);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:0} s");
    }
}
