using System.Net.Http.Headers;
using System.Text.Json;
using Paginate.ConfigAdmin.DryRuns;
using Paginate.ConfigAdmin.Upstream;
using Paginate.Engine.Upstream;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Fetches one real first page through the guarded client, with a time and size cap. Failures come back
/// as a short safe reason: never a URL, a header value or a placeholder value.
/// </summary>
internal sealed class FirstPageFetcher(GuardedUpstreamClient client)
{
    public const int MaxBytes = 2 * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<(FirstPage? Page, string? Failure, int? Status)> FetchAsync(CompiledRunner runner, DryRunInput input, CancellationToken cancellationToken)
    {
        var spec = runner.Definition.Request;
        using var request = new HttpRequestMessage(new HttpMethod(spec.Method), Placeholders.ExpandUrl(spec.Url!, input.Query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in spec.StaticHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in input.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (spec.Body is { } body && spec.Method == HttpMethods.Post)
        {
            request.Content = new ByteArrayContent(Placeholders.ExpandBody(body, input.Query));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await client.Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"The upstream answered {status}.", status);
            }

            var bytes = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (bytes is null)
            {
                return (null, $"The first page is larger than {MaxBytes / (1024 * 1024)} MiB.", status);
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (null, "The first page is not JSON.", status);
            }

            var links = response.Headers.TryGetValues("Link", out var values) ? values.ToArray() : [];
            return (new FirstPage(status, links, root), null, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "The upstream did not answer within 15 seconds.", null);
        }
        catch (HttpRequestException ex) when (ex.InnerException is UpstreamBlockedException)
        {
            return (null, "The upstream address is not allowed (private, loopback, link-local or metadata).", null);
        }
        catch (HttpRequestException)
        {
            return (null, "The upstream could not be reached.", null);
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
