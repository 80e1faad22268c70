namespace Paginate.Engine.Contracts;

/// <summary>
/// What one call brings to a run: placeholder values and forwarded header values. These are secrets:
/// they live only in this object's memory and never reach a log, trace, exception or store.
/// </summary>
public sealed class RunRequest
{
    /// <summary>Placeholder values by name (from the query string, then the JSON body).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Forwarded header name/value pairs, only names listed in <c>request.forward_headers</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ForwardedHeaders { get; init; } = [];

    /// <summary>The saved runner's id: names its rate budget and back-off holds. Null (drafts): neither applies.</summary>
    public string? RunnerId { get; init; }

    /// <summary>Lower cap on pages for dry runs; null: the runner's <c>limits.max_pages</c>.</summary>
    public int? MaxPages { get; init; }

    /// <summary>Collect a per-page trace (dry runs). Page URLs in the trace have every query value masked.</summary>
    public bool Trace { get; init; }

    /// <summary>Told about every upstream request and retry of this run (metrics). Optional.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>Hides every value: this object may end up in a log by mistake.</summary>
    public override string ToString() => $"RunRequest(values: {Values.Count}, headers: {ForwardedHeaders.Count})";
}
