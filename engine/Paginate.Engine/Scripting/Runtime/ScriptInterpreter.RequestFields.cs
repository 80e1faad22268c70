using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@request.header.*</c> and <c>@request.query.*</c>: name/value fields of the next request.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokeRequestFields(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
        switch (node.Operation.Operation)
        {
            case ScriptOperation.RequestHeaderPut:
                Put(_request.Headers, HeaderName(node, values), values[1], args[1], ignoreCase: true);
                if (_request.Headers.Exists(h => h.Value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0))
                {
                    throw args[1].Error("a header value must not contain line breaks or NUL");
                }

                return ScriptValue.Null;
            case ScriptOperation.RequestHeaderRemove:
                _request.Headers.RemoveAll(h => string.Equals(h.Name, Key(node, values, 0), StringComparison.OrdinalIgnoreCase));
                return ScriptValue.Null;
            case ScriptOperation.RequestHeaderClear:
                _request.Headers.Clear();
                return ScriptValue.Null;
            case ScriptOperation.RequestHeaderGet:
                return Get(_request.Headers, Key(node, values, 0), ignoreCase: true);
            case ScriptOperation.RequestQueryPut:
                Put(_request.Query, Key(node, values, 0), values[1], args[1], ignoreCase: false);
                return ScriptValue.Null;
            case ScriptOperation.RequestQueryRemove:
                _request.Query.RemoveAll(q => string.Equals(q.Name, Key(node, values, 0), StringComparison.Ordinal));
                return ScriptValue.Null;
            case ScriptOperation.RequestQueryClear:
                _request.Query.Clear();
                return ScriptValue.Null;
            case ScriptOperation.RequestQueryGet:
                return Get(_request.Query, Key(node, values, 0), ignoreCase: false);
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }

    // Headers that describe the connection or the message framing belong to the HTTP client, not to a script:
    // setting Host could aim the request at another virtual host of the same address.
    private static readonly HashSet<string> s_reservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer",
        "Proxy-Authorization", "Proxy-Connection", "Expect",
    };

    private static string HeaderName(OperationExpression node, ScriptValue[] values)
    {
        string name = Key(node, values, 0);
        if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(s_tokenChars))
        {
            throw node.Arguments[0].Error("a header name must be a non-empty HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
        }

        if (s_reservedHeaders.Contains(name))
        {
            throw node.Arguments[0].Error($"header '{name}' is managed by the HTTP client and cannot be set by a script");
        }

        return name;
    }

    private static readonly System.Buffers.SearchValues<char> s_tokenChars =
        System.Buffers.SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static ScriptValue Get(List<ScriptField> fields, string name, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var field in fields)
        {
            if (string.Equals(field.Name, name, comparison))
            {
                return ScriptValue.String(field.Value, field.Secret);
            }
        }

        return ScriptValue.Null;
    }

    /// <summary>Replaces every field of that name with one new value at the first one's place; null removes it.</summary>
    private static void Put(List<ScriptField> fields, string name, ScriptValue value, ScriptExpression argument, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int at = fields.FindIndex(f => string.Equals(f.Name, name, comparison));
        fields.RemoveAll(f => string.Equals(f.Name, name, comparison));
        if (value.IsNull)
        {
            return;
        }

        if (value.Kind == ScriptValueKind.Array)
        {
            throw argument.Error("a header or query value must be a string, number or boolean, got array");
        }

        var field = new ScriptField(name, value.ToText(), value.Secret);
        fields.Insert(at < 0 ? fields.Count : at, field);
    }
}
