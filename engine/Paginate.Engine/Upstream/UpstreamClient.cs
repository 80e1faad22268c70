using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Paginate.Engine.Scanning;

namespace Paginate.Engine.Upstream;

/// <summary>
/// Sends one page request and turns whatever happens into a <see cref="PageAttempt"/>: a parsed page or a
/// coarse, safe failure. Only cancellation of the run itself escapes as an exception.
/// </summary>
internal sealed class UpstreamClient
{
    /// <summary>Upstream error bodies are echoed up to this many bytes (CONTRACT §2).</summary>
    public const int ExcerptBytes = 2048;

    // The names HttpContentHeaders owns (Content-Length is refused by validation: the client sets it).
    private static readonly HashSet<string> s_contentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location",
        "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    };

    private readonly HttpMessageInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly long _maxPageBytes;
    private readonly IPageBufferBudget? _budget;

    public UpstreamClient(HttpMessageInvoker invoker, TimeProvider time, long maxPageBytes, IPageBufferBudget? budget = null)
    {
        _budget = budget;
        _invoker = invoker;
        _time = time;
        _maxPageBytes = maxPageBytes;
    }

    /// <summary>One attempt, bounded by <paramref name="pageTimeout"/> (headers and body).</summary>
    public async Task<PageAttempt> SendOnceAsync(PageRequest request, RunRequest run, JsonPath itemsPath, bool wholeDocument, TimeSpan pageTimeout, CancellationToken runToken)
    {
        var started = _time.GetTimestamp();
        int? status = null;
        using var timeout = new CancellationTokenSource(pageTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            using var message = BuildMessage(request, run);
            response = await SendAsync(message, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var attempt = await ReadAsync(response, run, itemsPath, wholeDocument, linked.Token).ConfigureAwait(false);
            if (attempt.Succeeded)
            {
                response = null; // owned by the attempt now
            }

            return attempt;
        }
        catch (OperationCanceledException) when (!runToken.IsCancellationRequested)
        {
            return PageAttempt.Failure(status, ErrorCodes.Timeout, "The page did not complete within page_timeout_ms.", retryable: true);
        }
        catch (Exception ex) when (FindBlocked(ex) is not null)
        {
            return PageAttempt.Failure(status, ErrorCodes.UpstreamBlocked, "The upstream address is not allowed.");
        }
        catch (HttpRequestException ex)
        {
            return PageAttempt.Failure(status, ErrorCodes.NetworkError, $"Network error talking to the upstream ({ex.HttpRequestError}).", retryable: true);
        }
        catch (IOException)
        {
            return PageAttempt.Failure(status, ErrorCodes.NetworkError, "Network error reading the upstream answer.", retryable: true);
        }
        finally
        {
            response?.Dispose();
            Notify(run.Observer, status, _time.GetElapsedTime(started));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken) =>
        _invoker is HttpClient client
            ? await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false)
            : await _invoker.SendAsync(message, cancellationToken).ConfigureAwait(false);

    private async Task<PageAttempt> ReadAsync(HttpResponseMessage response, RunRequest run, JsonPath itemsPath, bool wholeDocument, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is < 200 or > 299)
        {
            var excerpt = await ExcerptAsync(response.Content, run, cancellationToken).ConfigureAwait(false);
            var retryable = status is 429 or 502 or 503 or 504;
            var retryAfter = retryable ? RetryAfter.Read(response.Headers, _time.GetUtcNow()) : null;
            var detail = excerpt.Length > 0 ? $"The upstream answered {status}: {excerpt}" : $"The upstream answered {status}.";
            return PageAttempt.Failure(status, ErrorCodes.UpstreamStatus, detail, retryable, retryAfter);
        }

        PooledBuffer buffer;
        try
        {
            buffer = await BodyReader.ReadAsync(response.Content, _maxPageBytes, truncate: false, cancellationToken, _budget).ConfigureAwait(false);
        }
        catch (PageBufferBudgetExceededException)
        {
            return PageAttempt.Failure(status, ErrorCodes.Overloaded, "The gateway has no room for this page now; retry later.");
        }
        catch (ResponseTooLargeException)
        {
            return PageAttempt.Failure(status, ErrorCodes.ResponseTooLarge, $"The page is larger than {_maxPageBytes} bytes once decoded.");
        }
        catch (UnsupportedContentEncodingException ex)
        {
            return PageAttempt.Failure(status, ErrorCodes.UnsupportedContentEncoding, ex.Message);
        }
        catch (InvalidDataException)
        {
            return PageAttempt.Failure(status, ErrorCodes.InvalidJson, "The page's compressed body is corrupt.");
        }

        PageScan scan;
        try
        {
            var memory = buffer.Memory;
            if (memory.Span.StartsWith("\uFEFF"u8))
            {
                memory = memory[3..];
            }

            // One reader pass over the page; a document only when the runner reads more than paths (see PageScanner).
            scan = PageScanner.Scan(memory, itemsPath, wholeDocument);
        }
        catch (JsonException ex)
        {
            buffer.Dispose();
            var type = BodyReader.MediaType(response.Content.Headers);
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return PageAttempt.Failure(status, ErrorCodes.InvalidJson, $"The page is not valid JSON{where}{(type is null ? string.Empty : $"; content type {type}")}.");
        }

        // CONTRACT §1: an items path holding null is an empty page ({"users": null, "next_token": null}).
        if (scan.ItemsKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            var found = Describe(scan.ItemsKind);
            var detail = itemsPath.IsDocument
                ? $"Expected the page body to be an array but found {found}."
                : $"Expected an array at items_path '{itemsPath.Text}' but found {found} (the page body is {Describe(scan.RootKind)}).";
            scan.Dispose();
            buffer.Dispose();
            return PageAttempt.Failure(status, ErrorCodes.ItemsPathNotFound, detail);
        }

        var page = new PageResponse(status, response.Headers, response.Content.Headers, scan);
        return PageAttempt.Success(response, buffer, page);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>At most 2 KiB of the upstream's error body, as text, with the run's secrets masked.</summary>
    /// <remarks>
    /// Masked BEFORE it is cut: the body is read as far as 2 KiB plus the longest secret, so a secret that
    /// starts inside the excerpt is whole when it is masked; cutting first would leave its first bytes.
    /// </remarks>
    private async Task<string> ExcerptAsync(HttpContent content, RunRequest run, CancellationToken cancellationToken)
    {
        try
        {
            var secrets = SecretMask.Secrets(run).ToList();
            var longest = secrets.Count == 0 ? 0 : secrets.Max(s => Encoding.UTF8.GetByteCount(s));
            var readBytes = Math.Min(ExcerptBytes + (long)longest, Math.Max(_maxPageBytes, ExcerptBytes));
            using var buffer = await BodyReader.ReadAsync(content, readBytes, truncate: true, cancellationToken).ConfigureAwait(false);
            var span = buffer.Memory.Span;

            // Drop a character the read limit cut in two, so the text stays valid UTF-8.
            var length = span.Length;
            var readWasCut = length == readBytes;
            if (readWasCut)
            {
                while (length > 0 && (span[length - 1] & 0xC0) == 0x80)
                {
                    length--;
                }

                if (length > 0 && span[length - 1] >= 0xC0)
                {
                    length--;
                }
            }

            var text = Encoding.UTF8.GetString(span[..length]).Trim();
            return SecretMask.ApplyAndTruncate(text, secrets, ExcerptBytes, readWasCut).TrimEnd();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return string.Empty;
        }
    }

    private static HttpRequestMessage BuildMessage(PageRequest request, RunRequest run)
    {
        // HTTP/2 when the upstream offers it by ALPN (TLS only; plain http stays HTTP/1.1): pages fetched at once or
        // ahead share one connection, and a page cancelled past the end resets a stream instead of a TLS connection.
        var message = new HttpRequestMessage(request.Method, request.Uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        foreach (var header in request.Headers)
        {
            AddHeader(message, header.Key, header.Value);
        }

        // Forwarded values are added last and win: they come from the caller at run time.
        foreach (var header in run.ForwardedHeaders)
        {
            AddHeader(message, header.Key, header.Value);
        }

        if (!message.Headers.Contains("Accept"))
        {
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
        }

        if (!message.Headers.Contains("Accept-Encoding"))
        {
            message.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        }

        return message;
    }

    private static void AddHeader(HttpRequestMessage message, string name, string value)
    {
        // .NET keeps these on the content and throws when they are touched on the request. A GET has no
        // content: it gets an empty one to carry them (sent with Content-Length: 0), so an API that wants a
        // content type on every request gets it.
        if (s_contentHeaders.Contains(name))
        {
            message.Content ??= new ByteArrayContent([]);
            message.Content.Headers.Remove(name);
            message.Content.Headers.TryAddWithoutValidation(name, value);
            return;
        }

        message.Headers.Remove(name);
        message.Headers.TryAddWithoutValidation(name, value);
    }

    private static UpstreamBlockedException? FindBlocked(Exception? ex)
    {
        for (var depth = 0; ex is not null && depth < 8; depth++, ex = ex.InnerException)
        {
            if (ex is UpstreamBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }

    private static void Notify(IRunObserver? observer, int? status, TimeSpan duration)
    {
        try
        {
            observer?.UpstreamRequestCompleted(status, duration);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An observer must not throw; if it does, the run goes on.
        }
    }
}
