namespace Paginate.ConfigAdmin.Detection;

/// <summary>Field and parameter names of page and offset counters, shared by the detectors that look for them.</summary>
internal static class CounterNames
{
    /// <summary>Where counters usually live: the body itself or a paging object.</summary>
    public static readonly string[] Containers = ["", "meta", "pagination", "paging", "page_info", "pageInfo", "meta.pagination", "meta.page"];

    public static readonly string[] Offset = ["offset", "skip", "start"];

    public static readonly string[] Limit = ["limit", "per_page", "perPage", "page_size", "pageSize", "size", "take"];
}
