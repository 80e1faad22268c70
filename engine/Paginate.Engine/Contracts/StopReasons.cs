namespace Paginate.Engine.Contracts;

/// <summary>The <c>meta.stop_reason</c> values of the contract.</summary>
public static class StopReasons
{
    public const string SinglePage = "single_page";
    public const string NoNextPage = "no_next_page";
    public const string HasMoreFalse = "has_more_false";
    public const string EmptyPage = "empty_page";
    public const string ShortPage = "short_page";
    public const string TotalReached = "total_reached";
    public const string MaxPages = "max_pages";
    public const string MaxItems = "max_items";
    public const string RepeatedNext = "repeated_next";
    public const string CrossOriginNext = "cross_origin_next";
    public const string ScriptStop = "script_stop";
    public const string UpstreamError = "upstream_error";
    public const string Timeout = "timeout";
    public const string ClientCancelled = "client_cancelled";

    /// <summary>(v2) A page body was byte-identical to an earlier page of the call; its items were not returned.</summary>
    public const string RepeatedPage = "repeated_page";

    /// <summary>(v2) A later page could not get a token from the rate budget in time.</summary>
    public const string RateLimited = "rate_limited";

    public static readonly IReadOnlyList<string> All =
    [
        SinglePage, NoNextPage, HasMoreFalse, EmptyPage, ShortPage, TotalReached, MaxPages, MaxItems,
        RepeatedNext, CrossOriginNext, ScriptStop, UpstreamError, Timeout, ClientCancelled, RepeatedPage, RateLimited,
    ];
}
