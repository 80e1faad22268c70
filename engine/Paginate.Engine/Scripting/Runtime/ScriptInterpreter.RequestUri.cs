using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@request.uri.*</c>: the next request's address.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokeRequestUri(OperationExpression node, ScriptValue[] values)
    {
        switch (node.Operation.Operation)
        {
            case ScriptOperation.RequestUriSet:
                SetUri(node, values[0], append: false);
                return ScriptValue.Null;
            case ScriptOperation.RequestUriAppend:
                SetUri(node, values[0], append: true);
                return ScriptValue.Null;
            case ScriptOperation.RequestUriReplace:
                ReplaceUriParameter(node, values);
                return ScriptValue.Null;
            case ScriptOperation.RequestUriGet:
                return ScriptValue.String(_request.BuildUri(), _request.Query.Exists(q => q.Secret));
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }

    private void SetUri(OperationExpression node, ScriptValue value, bool append)
    {
        if (value.Kind != ScriptValueKind.String)
        {
            throw node.Arguments[0].Error($"@{node.Operation.Name} needs a string, got {value.TypeName()}");
        }

        string text = value.AsString;
        Uri? next;
        if (append)
        {
            // Appends to the path; a query in the appended text is merged into the current parameters.
            int question = text.IndexOf('?', StringComparison.Ordinal);
            string path = question < 0 ? text : text[..question];
            if (!Uri.TryCreate(_request.Target.AbsoluteUri + path, UriKind.Absolute, out next))
            {
                throw node.Error("@request.uri.append: the result is not a valid URI");
            }

            var kept = _request.Query.ToList();
            _request.SetUri(next, _state.Secrets, value.Secret);
            _request.Query.AddRange(kept);
            if (question >= 0 && Uri.TryCreate("http://x/?" + text[(question + 1)..], UriKind.Absolute, out var extra))
            {
                var parsed = ScriptRequest.Create("GET", extra, [], null, _state.Secrets);
                foreach (var field in parsed.Query)
                {
                    Put(_request.Query, field.Name, ScriptValue.String(field.Value, field.Secret || value.Secret), node, ignoreCase: false);
                }
            }
        }
        else
        {
            // Relative references resolve against the current URI (RFC 3986), so "/items?page=2" works as-is.
            if (!Uri.TryCreate(_request.Uri, text, out next) || next.Scheme is not ("http" or "https"))
            {
                throw node.Error("@request.uri.set needs an absolute http(s) URI or a relative reference");
            }

            _request.SetUri(next, _state.Secrets, value.Secret);
        }
    }

    private void ReplaceUriParameter(OperationExpression node, ScriptValue[] values)
    {
        string name = Key(node, values, 0);
        if (values[1].Kind is not (ScriptValueKind.String or ScriptValueKind.Number))
        {
            throw node.Arguments[1].Error($"@request.uri.replace needs a string or number value, got {values[1].TypeName()}");
        }

        string replacement = Uri.EscapeDataString(values[1].ToText());
        string path = _request.Target.AbsolutePath;
        string result;
        int braces = IndexOfTemplate(path, name, out int length);
        if (braces >= 0)
        {
            result = string.Concat(path.AsSpan(0, braces), replacement, path.AsSpan(braces + length));
        }
        else
        {
            // REST-style parameter: the segment after a segment of that name, e.g. /pages/3 -> /pages/4.
            var segments = path.Split('/');
            int at = Array.FindIndex(segments, s => string.Equals(Uri.UnescapeDataString(s), name, StringComparison.Ordinal));
            if (at < 0 || at + 1 >= segments.Length)
            {
                throw node.Arguments[0].Error("@request.uri.replace: the path has neither '{parameter}' nor a '/parameter/value' segment of that name");
            }

            segments[at + 1] = replacement;
            result = string.Join('/', segments);
        }

        var builder = new UriBuilder(_request.Target) { Path = result };
        var query = _request.Query.ToList();
        _request.SetUri(new Uri(builder.Uri.GetLeftPart(UriPartial.Path)), _state.Secrets);
        _request.Query.AddRange(query);
    }

    private static int IndexOfTemplate(string path, string name, out int length)
    {
        string plain = "{" + name + "}";
        int index = path.IndexOf(plain, StringComparison.Ordinal);
        if (index >= 0)
        {
            length = plain.Length;
            return index;
        }

        string escaped = "%7B" + Uri.EscapeDataString(name) + "%7D";
        length = escaped.Length;
        return path.IndexOf(escaped, StringComparison.OrdinalIgnoreCase);
    }
}
