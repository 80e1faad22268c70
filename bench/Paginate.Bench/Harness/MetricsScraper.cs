using System.Globalization;

namespace Paginate.Bench.Harness;

/// <summary>
/// Scrapes the gateway's Prometheus <c>/metrics</c> in the background and keeps, per metric name with
/// the given prefix, the largest value seen (labels summed): e.g. the runtime meter's thread-pool queue.
/// </summary>
internal sealed class MetricsScraper : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly string _url;
    private readonly string _prefix;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MetricsScraper(HttpClient client, string url, string prefix, int intervalMs)
    {
        _client = client;
        _url = url;
        _prefix = prefix;
        _loop = Task.Run(() => LoopAsync(intervalMs));
    }

    public Dictionary<string, double> Max { get; } = [];

    public int Scrapes { get; private set; }

    private async Task LoopAsync(int intervalMs)
    {
        while (!_stop.IsCancellationRequested)
        {
            await ScrapeAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(intervalMs, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ScrapeAsync()
    {
        string text;
        try
        {
            text = await _client.GetStringAsync(_url).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return;
        }

        Scrapes++;
        var sums = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(_prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            var valueStart = line.LastIndexOf(' ');
            if (nameEnd < 0 || valueStart < 0 || !double.TryParse(line.AsSpan(valueStart + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            // A timestamp may follow the value; then the value is the field before it.
            var name = line[..nameEnd];
            sums[name] = sums.GetValueOrDefault(name) + value;
        }

        lock (Max)
        {
            foreach (var (name, value) in sums)
            {
                Max[name] = Math.Max(Max.GetValueOrDefault(name, double.MinValue), value);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
