using System.Text;
using System.Text.Json.Nodes;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// The next upstream request as the script sees and changes it: method, URI (without query), query
/// parameters, headers and JSON body. The loop builds the real request from it.
/// </summary>
internal sealed class ScriptRequest
{
    private ScriptRequest(string method, Uri target, List<ScriptField> query, List<ScriptField> headers, JsonNode? body, bool bodySecret)
    {
        Method = method;
        Target = target;
        Query = query;
        Headers = headers;
        Body = body;
        BodySecret = bodySecret;
    }

    public string Method { get; }

    /// <summary>Absolute http(s) URI without query and fragment.</summary>
    public Uri Target { get; private set; }

    public List<ScriptField> Query { get; }

    public List<ScriptField> Headers { get; }

    /// <summary>The JSON body, or null when the request has none.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>True once a secret value was put into the body: values read from it are then secret too.</summary>
    public bool BodySecret { get; set; }

    /// <summary>
    /// Builds the request of a run's first page. Query parameters whose value holds a secret (a
    /// placeholder value such as an API key) are marked secret, as are forwarded headers.
    /// </summary>
    /// <param name="configured">The request comes from the runner's configuration, whose URL and body may hold
    /// placeholder values: every query parameter and the body are then marked secret.</param>
    public static ScriptRequest Create(
        string method,
        Uri uri,
        IEnumerable<ScriptField> headers,
        JsonNode? body,
        IReadOnlyList<string>? secrets = null,
        bool configured = false)
    {
        var request = new ScriptRequest(method, uri, [], [.. headers], body, configured && body is not null);
        request.SetUri(uri, secrets ?? [], configured);
        return request;
    }

    /// <summary>The full URI, query included.</summary>
    public Uri Uri => new(BuildUri(), UriKind.Absolute);

    public string BuildUri()
    {
        if (Query.Count == 0)
        {
            return Target.AbsoluteUri;
        }

        var builder = new StringBuilder(Target.AbsoluteUri).Append('?');
        for (int i = 0; i < Query.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            var field = Query[i];
            if (field.Raw is not null)
            {
                builder.Append(field.Raw);
            }
            else
            {
                builder.Append(Uri.EscapeDataString(field.Name)).Append('=').Append(Uri.EscapeDataString(field.Value));
            }
        }

        return builder.ToString();
    }

    /// <summary>Points the request at <paramref name="uri"/>, taking its query apart into parameters.</summary>
    /// <param name="uri">The new URI.</param>
    /// <param name="secrets">Secret strings: a parameter whose value holds one is marked secret.</param>
    /// <param name="secret">Mark every parameter secret (the URI text came from a secret value).</param>
    public void SetUri(Uri uri, IReadOnlyList<string> secrets, bool secret = false)
    {
        Target = uri.Query.Length == 0 && uri.Fragment.Length == 0 ? uri : new Uri(uri.GetLeftPart(UriPartial.Path), UriKind.Absolute);
        Query.Clear();
        string query = uri.Query;
        if (query.Length <= 1)
        {
            return;
        }

        foreach (string pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            bool isSecret = secret || secrets.Any(s => value.Contains(s, StringComparison.Ordinal));
            Query.Add(new ScriptField(name, value, isSecret, pair));
        }
    }

    // Form-style decoding: '+' is a space, so re-encoding as %20 keeps the meaning.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    public ScriptRequest Clone() =>
        new(Method, Target, [.. Query], [.. Headers], Body?.DeepClone(), BodySecret);

    /// <summary>Characters this request holds: URI, query, headers and body (what the run keeps for the next page).</summary>
    public long Length()
    {
        long length = Target.AbsoluteUri.Length;
        foreach (var field in Query)
        {
            length += field.Name.Length + field.Value.Length + 2;
        }

        foreach (var field in Headers)
        {
            length += field.Name.Length + field.Value.Length + 2;
        }

        return length + (Body?.ToJsonString().Length ?? 0);
    }

    /// <summary>Same target, parameters, headers and body: the script changed nothing.</summary>
    public bool SameAs(ScriptRequest other) =>
        Method == other.Method
        && string.Equals(BuildUri(), other.BuildUri(), StringComparison.Ordinal)
        && Headers.Select(h => (h.Name, h.Value)).SequenceEqual(other.Headers.Select(h => (h.Name, h.Value)))
        && JsonNode.DeepEquals(Body, other.Body);

    /// <summary>Hides every value: the URI and headers may hold secrets.</summary>
    public override string ToString() => $"ScriptRequest({Method}, query: {Query.Count}, headers: {Headers.Count})";
}
