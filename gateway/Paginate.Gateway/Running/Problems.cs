using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Running;

/// <summary>
/// The gateway's problem details (RFC 9457). Details are fixed texts or names from the runner definition:
/// never an input value, header value or query string, which may be secrets.
/// </summary>
internal static class Problems
{
    /// <summary>Problem <c>type</c> URIs end in the problem's code, e.g. <c>…/unauthorized</c>.</summary>
    public const string TypeBase = "https://paginate.dev/problems/";

    /// <summary>Upstream bodies quoted in a detail are cut to this many characters (CONTRACT §2: 2 KiB).</summary>
    public const int MaxDetailLength = 2048;

    public static Task UnauthorizedAsync(HttpContext context) => WriteAsync(context, StatusCodes.Status401Unauthorized,
        "unauthorized", "Unauthorized", "Call from an allowed network or send the runner's token in x-clay-paginate-token.");

    public static Task NotFoundAsync(HttpContext context) => WriteAsync(context, StatusCodes.Status404NotFound,
        "runner_not_found", "Runner not found", "No runner has this id.");

    public static Task MissingPlaceholderAsync(HttpContext context, string name) => WriteAsync(context, StatusCodes.Status400BadRequest,
        "missing_placeholder", "Missing placeholder", $"The runner needs a value for placeholder '{name}' (query string or JSON body).",
        new Dictionary<string, object?> { ["placeholder"] = name });

    public static Task InvalidPlaceholderAsync(HttpContext context, string name, string detail) => WriteAsync(context, StatusCodes.Status400BadRequest,
        "invalid_placeholder", "Invalid placeholder value", detail, new Dictionary<string, object?> { ["placeholder"] = name });

    public static Task InvalidBodyAsync(HttpContext context) => WriteAsync(context, StatusCodes.Status400BadRequest,
        "invalid_body", "Invalid request body", "The request body is not a JSON object within the size limit.");

    public static Task UpstreamFailedAsync(HttpContext context, bool timeout, int? upstreamStatus, string? errorCode, string? detail)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["upstream_status"] = upstreamStatus,
            ["error_code"] = errorCode,
        };
        var text = string.IsNullOrEmpty(detail) ? "The first upstream page failed." : Cap(detail);
        return timeout
            ? WriteAsync(context, StatusCodes.Status504GatewayTimeout, "upstream_timeout", "Upstream timeout", text, extensions)
            : WriteAsync(context, StatusCodes.Status502BadGateway, "upstream_error", "Upstream error", text, extensions);
    }

    /// <summary>The runner's origin cluster is not loaded on this gateway yet.</summary>
    public static Task UpstreamUnavailableAsync(HttpContext context) => ServiceUnavailableAsync(context,
        RejectionReasons.UpstreamUnavailable, "Upstream unavailable", "The runner's upstream is not available on this gateway yet; retry shortly.", OneSecond);

    /// <summary>The origin's circuit is open (CONTRACT §6.3): refused before any upstream request.</summary>
    public static Task UpstreamUnavailableAsync(HttpContext context, TimeSpan retryAfter) => ServiceUnavailableAsync(context,
        RejectionReasons.UpstreamUnavailable, "Upstream unavailable",
        "The runner's upstream failed repeatedly; its calls are refused until the Retry-After delay has passed.", retryAfter);

    public static Task OverloadedAsync(HttpContext context) => ServiceUnavailableAsync(context,
        ErrorCodes.Overloaded, "Gateway overloaded", "The gateway is at its limit of concurrent calls or page memory; retry shortly.", OneSecond);

    // Another replica answers at once: the load balancer stops sending here as /readyz is 503.
    public static Task DrainingAsync(HttpContext context) => ServiceUnavailableAsync(context,
        "shutting_down", "Gateway shutting down", "This gateway is stopping and takes no new calls; retry shortly.", OneSecond);

    /// <summary>
    /// (v2) The runner's shared rate budget had no token for page 1 within <c>total_timeout_ms</c>: 503 with
    /// <c>Retry-After</c> so Clay retries the row when a token is free.
    /// </summary>
    public static Task RateLimitedAsync(HttpContext context, TimeSpan? retryAfter) => ServiceUnavailableAsync(context,
        ErrorCodes.RateLimited, "Rate limited",
        "The runner's shared rate budget has no token for this call before total_timeout_ms; retry after the Retry-After delay.",
        retryAfter ?? TimeSpan.Zero);

    public static Task InternalErrorAsync(HttpContext context) => WriteAsync(context, StatusCodes.Status500InternalServerError,
        "internal_error", "Internal error", "The gateway failed to run the runner.");

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Every refusal before the run (CONTRACT §6): 503, the code also as <c>error_code</c>, and <c>Retry-After</c> in
    /// whole seconds, at least 1.
    /// </summary>
    private static Task ServiceUnavailableAsync(HttpContext context, string code, string title, string detail, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, code, title, detail,
            new Dictionary<string, object?> { ["error_code"] = code });
    }

    private static string Cap(string detail) => detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength];

    // Written by hand, not through IProblemDetailsService: the body must be exactly these fields (no trace id),
    // so that a denied call for an unknown runner is byte-for-byte the same as for a known one.
    private static async Task WriteAsync(HttpContext context, int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        response.Headers.CacheControl = "no-store";
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, TypeBase + code);
            writer.WriteString("title"u8, title);
            writer.WriteNumber("status"u8, status);
            writer.WriteString("detail"u8, detail);
            foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
            {
                switch (value)
                {
                    case null:
                        writer.WriteNull(name);
                        break;
                    case int number:
                        writer.WriteNumber(name, number);
                        break;
                    default:
                        writer.WriteString(name, value.ToString());
                        break;
                }
            }

            writer.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
