namespace Paginate.DemoApi.Endpoints;

/// <summary>Builds next-page URLs that keep every knob of the current request.</summary>
internal static class QueryLinks
{
    /// <summary>The current path and query with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static string With(HttpRequest request, string name, string value)
    {
        var pairs = request.Query
            .Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
            .Append(new KeyValuePair<string, string?>(name, value));
        return request.PathBase + request.Path + QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>The same link made absolute from the request's scheme and host.</summary>
    public static string Absolute(HttpRequest request, string name, string value) =>
        $"{request.Scheme}://{request.Host}{With(request, name, value)}";
}
