namespace Paginate.Engine.Contracts;

/// <summary>
/// One upstream request as the strategies see and build it. Immutable: a strategy returns a changed copy
/// (<c>with</c>). Forwarded header values are NOT here: the loop adds them when it sends, so no strategy,
/// script or trace can ever see or leak them.
/// </summary>
internal sealed record PageRequest
{
    /// <summary>GET or POST.</summary>
    public required HttpMethod Method { get; init; }

    /// <summary>The absolute URL, placeholders already expanded.</summary>
    public required Uri Uri { get; init; }

    /// <summary>Static headers of the runner plus headers set by pagination (e.g. a cursor header).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The UTF-8 JSON body of a POST; null for none. Never mutated: replaced as a whole.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Returns a copy with header <paramref name="name"/> set to <paramref name="value"/> (replacing it).</summary>
    public PageRequest WithHeader(string name, string value)
    {
        var headers = new List<KeyValuePair<string, string>>(Headers.Count + 1);
        foreach (var header in Headers)
        {
            if (!string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header);
            }
        }

        headers.Add(new(name, value));
        return this with { Headers = headers };
    }

    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    public string? GetHeader(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Hides URL, headers and body: they carry placeholder values.</summary>
    public override string ToString() => $"PageRequest({Method.Method})";
}
