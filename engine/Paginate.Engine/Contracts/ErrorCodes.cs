namespace Paginate.Engine.Contracts;

/// <summary>Coarse <c>error_code</c> values: safe to store and to show, they carry no data.</summary>
public static class ErrorCodes
{
    /// <summary>The upstream answered with a non-success status (after retries).</summary>
    public const string UpstreamStatus = "upstream_status";
    /// <summary>Connection refused, reset, DNS failure, TLS failure.</summary>
    public const string NetworkError = "network_error";
    /// <summary>A page or the whole run took longer than its timeout.</summary>
    public const string Timeout = "timeout";
    /// <summary>The body was not JSON, or malformed JSON.</summary>
    public const string InvalidJson = "invalid_json";
    /// <summary>The items path was missing or not an array.</summary>
    public const string ItemsPathNotFound = "items_path_not_found";
    /// <summary>A page (decoded) was larger than the per-page cap, e.g. a decompression bomb.</summary>
    public const string ResponseTooLarge = "response_too_large";
    /// <summary>The upstream address is not allowed (private, loopback, metadata).</summary>
    public const string UpstreamBlocked = "upstream_blocked";
    /// <summary>
    /// The upstream's <c>Content-Encoding</c> lists more than two codings, a coding twice, or one we cannot
    /// decode; refused before any decoder is built.
    /// </summary>
    public const string UnsupportedContentEncoding = "unsupported_content_encoding";
    /// <summary>A script runner failed at run time (the detail names line and column).</summary>
    public const string ScriptError = "script_error";
    /// <summary>A cursor the runner cannot send as it is: an object or array bound for a query parameter or header.</summary>
    public const string UnsupportedCursor = "unsupported_cursor";
    /// <summary>The host had no room for the page (its shared page-buffer budget was exhausted).</summary>
    public const string Overloaded = "overloaded";
    /// <summary>(v2) No token of the runner's rate budget could be had before total_timeout_ms.</summary>
    public const string RateLimited = "rate_limited";
}
