using System.Net.Http.Headers;
using System.Text.Json;
using Paginate.ConfigAdmin.DryRuns;
using Paginate.ConfigAdmin.Upstream;
using Paginate.Engine.Compilation;
using Paginate.Engine.Upstream;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Fetches one real first page through the guarded client, with a time cap, and reads it through the
/// engine's <see cref="UpstreamBody"/>: the gateway's content-coding rule and decoded-size cap. Failures come
/// back as a short safe reason: never a URL, a header value or a placeholder value.
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

        if (!request.Headers.Contains("Accept-Encoding"))
        {
            // What the gateway asks for too; the engine's reader decodes it under the cap.
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
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

            byte[] bytes;
            try
            {
                bytes = await UpstreamBody.ReadAsync(response.Content, MaxBytes, timeout.Token).ConfigureAwait(false);
            }
            catch (ResponseTooLargeException)
            {
                return (null, $"The first page is larger than {MaxBytes / (1024 * 1024)} MiB once decoded.", status);
            }
            catch (UnsupportedContentEncodingException ex)
            {
                return (null, ex.Message, status);
            }
            catch (InvalidDataException)
            {
                return (null, "The first page's compressed body is corrupt.", status);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                return (null, "The connection to the upstream broke while the first page was read.", status);
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
}
