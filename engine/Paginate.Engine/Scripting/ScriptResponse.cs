using System.Text.Json;

namespace Paginate.Engine.Scripting;

/// <summary>What a script may read of the page just received: status, headers and the parsed JSON body.</summary>
internal sealed class ScriptResponse
{
    public ScriptResponse(int status, IReadOnlyList<KeyValuePair<string, string>> headers, JsonElement body)
    {
        Status = status;
        Headers = headers;
        Body = body;
    }

    public int Status { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body; <c>default</c> (Undefined) when the page had none.</summary>
    public JsonElement Body { get; }

    /// <summary>Every value of the header joined with ", " (RFC 9110 list form), or null when absent.</summary>
    public string? Header(string name)
    {
        string? result = null;
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                result = result is null ? header.Value : result + ", " + header.Value;
            }
        }

        return result;
    }
}
