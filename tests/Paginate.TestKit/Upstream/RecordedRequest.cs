using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Paginate.TestKit.Upstream;

/// <summary>One request a <see cref="LoopbackUpstream"/> received, as it arrived.</summary>
public sealed record RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The path, e.g. <c>/items</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string including <c>?</c>, or empty.</summary>
    public required string QueryString { get; init; }

    /// <summary>Every header (names case-insensitive).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body as UTF-8 text (empty when none).</summary>
    public required string Body { get; init; }

    public string PathAndQuery => Path + QueryString;

    /// <summary>The first value of query parameter <paramref name="name"/>, or null.</summary>
    public string? Query(string name) =>
        QueryHelpers.ParseQuery(QueryString).TryGetValue(name, out StringValues values) ? values.FirstOrDefault() : null;

    /// <summary>The value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
