using System.Diagnostics;
using Paginate.Bench.Harness;

namespace Paginate.Bench.Clients;

/// <summary>Calls <c>/r/{runner_id}</c>, streams the answer and checks it holds exactly the expected items.</summary>
internal static class GatewayCall
{
    public static async Task<CallResult> RunAsync(HttpClient client, string url, long expectedItems, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var (count, error) = await FetchAsync(client, url, cancellationToken).ConfigureAwait(false);
        var ms = watch.Elapsed.TotalMilliseconds;
        if (error is not null)
        {
            return CallResult.Failed(error);
        }

        return Check(count!, expectedItems) is { } problem ? CallResult.Failed(problem) : new CallResult(ms, count!.Items, null);
    }

    /// <summary>The answer's counts, or the reason there are none.</summary>
    public static async Task<(AnswerCount? Count, string? Error)> FetchAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return (null, $"HTTP {(int)response.StatusCode}: {Truncate(body)}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return (await AnswerReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false), null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, "bad JSON: " + e.Message);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Null when the answer is complete, else what is wrong with it.</summary>
    public static string? Check(AnswerCount count, long expectedItems)
    {
        if (count.Items != expectedItems)
        {
            return $"expected {expectedItems} items, counted {count.Items}";
        }

        if (count.MetaItems is { } meta && meta != expectedItems)
        {
            return $"meta.items {meta}, expected {expectedItems}";
        }

        return count.Partial ? "partial answer (" + count.StopReason + ")" : null;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
