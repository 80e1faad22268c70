using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Paginate.Bench.Harness;

namespace Paginate.Bench.Clients;

/// <summary>
/// The baseline: a plain HttpClient loop over the upstream's page_number pages, as a developer would
/// write it by hand: request page N, parse the page, count its items, stop at <c>total_pages</c>.
/// </summary>
internal static class DirectLoop
{
    public static async Task<CallResult> RunAsync(HttpClient client, string pagesUrl, long expectedItems, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        long items = 0;
        try
        {
            for (var page = 1; page <= 100_000; page++)
            {
                var url = pagesUrl + "&page=" + page.ToString(CultureInfo.InvariantCulture);
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return CallResult.Failed($"HTTP {(int)response.StatusCode} on page {page}");
                }

                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
                var root = document.RootElement;
                items += root.GetProperty("data").GetArrayLength();
                if (page >= root.GetProperty("total_pages").GetInt64())
                {
                    break;
                }
            }
        }
        catch (HttpRequestException e)
        {
            return CallResult.Failed(e.Message);
        }

        var ms = watch.Elapsed.TotalMilliseconds;
        return items == expectedItems ? new CallResult(ms, items, null) : CallResult.Failed($"expected {expectedItems} items, counted {items}");
    }
}
