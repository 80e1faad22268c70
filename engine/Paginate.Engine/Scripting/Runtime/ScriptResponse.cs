using System.Text.Json;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>What a script may read of the page just received: status, headers and the parsed JSON body.</summary>
internal sealed class ScriptResponse
{
    private readonly Func<string, IEnumerable<string>> _headerValues;

    /// <param name="status">The HTTP status code.</param>
    /// <param name="headerValues">Every value of a header by name (case-insensitive), none when absent.</param>
    /// <param name="body">The parsed body, or <c>default</c>.</param>
    public ScriptResponse(int status, Func<string, IEnumerable<string>> headerValues, JsonElement body)
    {
        Status = status;
        _headerValues = headerValues;
        Body = body;
    }

    /// <summary>A response whose headers are a plain list (tests, benchmarks).</summary>
    public ScriptResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, JsonElement body)
        : this(status, name => headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value), body)
    {
    }

    public int Status { get; }

    /// <summary>The body; <c>default</c> (Undefined) when the page had none.</summary>
    public JsonElement Body { get; }

    /// <summary>Every value of the header joined with ", " (RFC 9110 list form), or null when absent.</summary>
    public string? Header(string name)
    {
        string? result = null;
        foreach (string value in _headerValues(name))
        {
            result = result is null ? value : result + ", " + value;
        }

        return result;
    }
}
