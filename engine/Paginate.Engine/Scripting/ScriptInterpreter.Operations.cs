using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paginate.Engine.Http;

namespace Paginate.Engine.Scripting;

/// <summary>The <c>@operations</c>: the only way a script touches anything outside its own variables.</summary>
internal sealed partial class ScriptInterpreter
{
    private const int MaxRateLimitWaitMs = 300_000;
    private const int MaxRateLimitRetries = 10;

    public ScriptValue Invoke(OperationExpression node)
    {
        var args = node.Arguments;
        var values = args.Count == 0 ? [] : new ScriptValue[args.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Evaluate(this);
        }

        switch (node.Operation.Operation)
        {
            case ScriptOperation.PagerStop:
                _stop = values[0].Kind switch
                {
                    ScriptValueKind.Boolean => values[0].AsBoolean,
                    ScriptValueKind.Null => false,
                    _ => throw args[0].Error($"@pager.stop needs a boolean, got {values[0].TypeName()}"),
                };
                return ScriptValue.Null;
            case ScriptOperation.PagerPageCount:
                return ScriptValue.Number(_state.PageCount);
            case ScriptOperation.Log:
                Log(values);
                return ScriptValue.Null;
            case ScriptOperation.ResponseHeaderGet:
                return Text(_response.Header(Key(node, values, 0)), secret: false, node);
            case ScriptOperation.ResponseHeaderGetNextLink:
                return Text(LinkHeader.Find(_response.Header("Link"), "next"), secret: false, node);
            case ScriptOperation.ResponseHeaderGetLastLink:
                return Text(LinkHeader.Find(_response.Header("Link"), "last"), secret: false, node);
            case ScriptOperation.ResponseBodyGet:
                return ScriptJsonPointer.TryGet(_response.Body, ScriptJsonPointer.Parse(Key(node, values, 0)), out var found)
                    ? FromJson(found, node)
                    : ScriptValue.Null;
            case ScriptOperation.ResponseStatusGet:
                return ScriptValue.Number(_response.Status);
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
            case ScriptOperation.RequestBodyPut:
                return BodyPut(node, values);
            case ScriptOperation.RequestBodyRemove:
                ScriptJsonPointer.Remove(_request.Body, ScriptJsonPointer.Parse(Key(node, values, 0)));
                return ScriptValue.Null;
            case ScriptOperation.RequestBodyClear:
                _request.Body = new JsonObject();
                _request.BodySecret = false;
                return ScriptValue.Null;
            case ScriptOperation.RequestBodyGet:
                var body = ScriptJsonPointer.TryGet(_request.Body, ScriptJsonPointer.Parse(Key(node, values, 0)), out var node2)
                    ? FromJson(node2, node)
                    : ScriptValue.Null;
                return _request.BodySecret ? body.AsSecret() : body;
            case ScriptOperation.RequestBodySet:
                if (values[0].IsNull)
                {
                    _request.Body = null;
                    _request.BodySecret = false;
                    return ScriptValue.Null;
                }

                _request.Body = ParseJson(String(node, values, 0), args[0], "@request.body.set");
                _request.BodySecret = values[0].Secret;
                return ScriptValue.Null;
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
            case ScriptOperation.RequestRateLimitSet:
                _state.RateLimit = RateLimit(node, values);
                return ScriptValue.Null;
            case ScriptOperation.JsonGet:
                return JsonGet(node, values);
            case ScriptOperation.JsonAdd:
            case ScriptOperation.JsonRemove:
                return JsonEdit(node, values);
            case ScriptOperation.Increment:
            case ScriptOperation.Decrement:
                double number = Numeric(node, values[0], args[0]);
                return ScriptValue.Number(node.Operation.Operation == ScriptOperation.Increment ? number + 1 : number - 1);
            case ScriptOperation.ToNumber:
                return values[0].IsNull ? ScriptValue.Null : ScriptValue.Number(Numeric(node, values[0], args[0]));
            case ScriptOperation.ToText:
                return ScriptValue.String(CheckLength(values[0].ToText(), node), values[0].Secret);
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }

    private static string Key(OperationExpression node, ScriptValue[] values, int index) => String(node, values, index);

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

    private static string String(OperationExpression node, ScriptValue[] values, int index)
    {
        var value = values[index];
        return value.Kind switch
        {
            ScriptValueKind.String => value.AsString,
            ScriptValueKind.Number => value.ToText(),
            _ => throw node.Arguments[index].Error($"@{node.Operation.Name} needs a string as argument {index + 1}, got {value.TypeName()}"),
        };
    }

    private ScriptValue Text(string? text, bool secret, ScriptExpression node) =>
        text is null ? ScriptValue.Null : ScriptValue.String(CheckLength(text, node), secret);

    private static double Numeric(OperationExpression node, ScriptValue value, ScriptExpression argument)
    {
        if (value.Kind == ScriptValueKind.Number)
        {
            return value.AsNumber;
        }

        if (value.Kind == ScriptValueKind.String
            && double.TryParse(value.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            && double.IsFinite(parsed))
        {
            return parsed;
        }

        throw argument.Error(value.Kind == ScriptValueKind.String
            ? $"@{node.Operation.Name} needs a number, got a string that is not a number"
            : $"@{node.Operation.Name} needs a number, got {value.TypeName()}");
    }

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

    private ScriptValue BodyPut(OperationExpression node, ScriptValue[] values)
    {
        var body = _request.Body;
        if (!ScriptJsonPointer.TrySet(ref body, ScriptJsonPointer.Parse(Key(node, values, 0)), ToJson(values[1]), out string? problem))
        {
            throw node.Error($"@request.body.put: {problem}");
        }

        _request.Body = body;
        _request.BodySecret |= values[1].Secret;
        return ScriptValue.Null;
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

    private static ScriptRateLimit RateLimit(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
        if (values[0].Kind != ScriptValueKind.Array)
        {
            throw args[0].Error($"@request.ratelimit.set needs an array of status codes first, got {values[0].TypeName()}");
        }

        var codes = new List<int>();
        foreach (var item in values[0].AsArray)
        {
            if (item.Kind != ScriptValueKind.Number || item.AsNumber != Math.Floor(item.AsNumber) || item.AsNumber is < 100 or > 599)
            {
                throw args[0].Error("@request.ratelimit.set: every status code must be a whole number from 100 to 599");
            }

            codes.Add((int)item.AsNumber);
        }

        if (values[1].Kind is not (ScriptValueKind.String or ScriptValueKind.Null))
        {
            throw args[1].Error($"@request.ratelimit.set needs a header name or null second, got {values[1].TypeName()}");
        }

        int wait = WholeNumber(values[2], args[2], "wait", MaxRateLimitWaitMs);
        int retry = WholeNumber(values[3], args[3], "retry", MaxRateLimitRetries);
        string? header = values[1].IsNull || values[1].AsString.Length == 0 ? null : values[1].AsString;
        return new ScriptRateLimit(codes, header, wait, retry);
    }

    private static int WholeNumber(ScriptValue value, ScriptExpression argument, string what, int max)
    {
        if (value.Kind != ScriptValueKind.Number || value.AsNumber != Math.Floor(value.AsNumber) || value.AsNumber < 0 || value.AsNumber > max)
        {
            throw argument.Error($"@request.ratelimit.set: {what} must be a whole number from 0 to {max}");
        }

        return (int)value.AsNumber;
    }

    private ScriptValue JsonGet(OperationExpression node, ScriptValue[] values)
    {
        string path = Key(node, values, 0);
        string json = String(node, values, 1);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw node.Arguments[1].Error("@json.get: the object is not valid JSON");
        }

        using (document)
        {
            var result = ScriptJsonPointer.TryGet(document.RootElement, ScriptJsonPointer.Parse(path), out var found)
                ? FromJson(found, node)
                : ScriptValue.Null;
            return values[1].Secret ? result.AsSecret() : result;
        }
    }

    private ScriptValue JsonEdit(OperationExpression node, ScriptValue[] values)
    {
        bool add = node.Operation.Operation == ScriptOperation.JsonAdd;
        int objectIndex = add ? 2 : 1;
        var root = ParseJson(String(node, values, objectIndex), node.Arguments[objectIndex], "@" + node.Operation.Name);
        var tokens = ScriptJsonPointer.Parse(Key(node, values, 0));
        bool secret = values[objectIndex].Secret;
        if (add)
        {
            if (!ScriptJsonPointer.TrySet(ref root, tokens, ToJson(values[1]), out string? problem))
            {
                throw node.Error($"@json.add: {problem}");
            }

            secret |= values[1].Secret;
        }
        else
        {
            ScriptJsonPointer.Remove(root, tokens);
        }

        return ScriptValue.String(CheckLength(root?.ToJsonString() ?? "null", node), secret);
    }

    private static JsonNode? ParseJson(string json, ScriptExpression argument, string operation)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            throw argument.Error($"{operation}: the text is not valid JSON");
        }
    }

    private static JsonNode? ToJson(ScriptValue value) => value.Kind switch
    {
        ScriptValueKind.Null => null,
        ScriptValueKind.Boolean => JsonValue.Create(value.AsBoolean),
        ScriptValueKind.Number => value.AsNumber == Math.Floor(value.AsNumber) && Math.Abs(value.AsNumber) < 1e15
            ? JsonValue.Create((long)value.AsNumber)
            : JsonValue.Create(value.AsNumber),
        ScriptValueKind.String => JsonValue.Create(value.AsString),
        _ => new JsonArray([.. value.AsArray.Select(ToJson)]),
    };

    private ScriptValue FromJson(JsonElement element, ScriptExpression node) => element.ValueKind switch
    {
        JsonValueKind.String => ScriptValue.String(CheckLength(element.GetString()!, node)),
        JsonValueKind.Number => Number(element.GetRawText()),
        JsonValueKind.True => ScriptValue.True,
        JsonValueKind.False => ScriptValue.False,
        JsonValueKind.Object or JsonValueKind.Array => RawText(element, node),
        _ => ScriptValue.Null,
    };

    /// <summary>
    /// A JSON number as a script number, unless a double cannot hold it exactly: large integer ids and cursors
    /// (Twitter-style <c>next_cursor</c>) then stay strings with their exact digits, so they can be sent back.
    /// </summary>
    private static ScriptValue Number(string raw)
    {
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        bool integral = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (!double.IsFinite(value) || (integral && Math.Abs(value) > MaxExactInteger))
        {
            return ScriptValue.String(raw);
        }

        return ScriptValue.Number(value);
    }

    private const double MaxExactInteger = 9_007_199_254_740_992; // 2^53

    private ScriptValue RawText(JsonElement element, ScriptExpression node)
    {
        // Check the size before building the string, so a huge page never becomes a huge script value.
        CheckLength(JsonMarshal.GetRawUtf8Value(element).Length, node);
        return ScriptValue.String(element.GetRawText());
    }

    private ScriptValue FromJson(JsonNode? value, ScriptExpression node)
    {
        switch (value)
        {
            case null:
                return ScriptValue.Null;
            case JsonValue scalar:
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => ScriptValue.String(CheckLength(scalar.GetValue<string>(), node)),
                    JsonValueKind.Number => Number(scalar.ToJsonString()),
                    JsonValueKind.True => ScriptValue.True,
                    JsonValueKind.False => ScriptValue.False,
                    _ => ScriptValue.Null,
                };
            default:
                return ScriptValue.String(CheckLength(value.ToJsonString(), node));
        }
    }
}
