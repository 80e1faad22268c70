namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>Runner definitions for tests, as plain objects serialized to contract JSON.</summary>
public static class Runners
{
    /// <summary>A page-number runner over <paramref name="url"/> (which may hold placeholders).</summary>
    public static Dictionary<string, object?> PageNumber(Uri url, string name = "Test runner", string[]? forwardHeaders = null, int pageSize = 2) => new()
    {
        ["name"] = name,
        ["request"] = new Dictionary<string, object?> { ["method"] = "GET", ["url"] = url.ToString(), ["forward_headers"] = forwardHeaders ?? [] },
        ["pagination"] = new Dictionary<string, object?> { ["style"] = "page_number", ["page_size"] = pageSize },
        ["response"] = new Dictionary<string, object?> { ["items_path"] = "data" },
        ["limits"] = new Dictionary<string, object?> { ["max_retries"] = 0 },
    };

    /// <summary>A single-page runner.</summary>
    public static Dictionary<string, object?> Single(Uri url, string name = "Single page") => new()
    {
        ["name"] = name,
        ["request"] = new Dictionary<string, object?> { ["url"] = url.ToString() },
        ["response"] = new Dictionary<string, object?> { ["items_path"] = "data" },
    };
}
