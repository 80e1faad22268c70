using System.Text.Json.Nodes;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@request.body.*</c>: the next request's JSON body.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokeRequestBody(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
        switch (node.Operation.Operation)
        {
            case ScriptOperation.RequestBodyPut:
                return BodyPut(node, values);
            case ScriptOperation.RequestBodyRemove:
                ScriptJsonPointer.Remove(_request.Body, ScriptJsonPointer.Parse(Key(node, values, 0), node));
                return ScriptValue.Null;
            case ScriptOperation.RequestBodyClear:
                _request.Body = new JsonObject();
                _request.BodySecret = false;
                return ScriptValue.Null;
            case ScriptOperation.RequestBodyGet:
                var body = ScriptJsonPointer.TryGet(_request.Body, ScriptJsonPointer.Parse(Key(node, values, 0), node), out var node2)
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

                return BodySet(node, values[0], ParseJson(String(node, values, 0), args[0], "@request.body.set"));
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }

    /// <summary>
    /// Seed 003: the JSON holds pointer-keyed pairs, <c>{"/variables/after": "c2"}</c>, each set in the body the way
    /// <c>@request.body.put</c> sets one. An object whose keys are not all pointers (or any other JSON) replaces the
    /// whole body, as earlier versions did, so scripts written for that keep working.
    /// </summary>
    private ScriptValue BodySet(OperationExpression node, ScriptValue text, JsonNode? json)
    {
        if (json is not JsonObject { Count: > 0 } pairs || pairs.Any(p => !p.Key.StartsWith('/')))
        {
            _request.Body = json;
            _request.BodySecret = text.Secret;
            return ScriptValue.Null;
        }

        var body = _request.Body;
        foreach (var (pointer, value) in pairs.ToList())
        {
            pairs.Remove(pointer);
            if (!ScriptJsonPointer.TrySet(ref body, ScriptJsonPointer.Parse(pointer, node), value, out string? problem))
            {
                throw node.Error($"@request.body.set: {problem}");
            }
        }

        _request.Body = body;
        _request.BodySecret |= text.Secret;
        return ScriptValue.Null;
    }

    private ScriptValue BodyPut(OperationExpression node, ScriptValue[] values)
    {
        var body = _request.Body;
        if (!ScriptJsonPointer.TrySet(ref body, ScriptJsonPointer.Parse(Key(node, values, 0), node), ToJson(values[1]), out string? problem))
        {
            throw node.Error($"@request.body.put: {problem}");
        }

        _request.Body = body;
        _request.BodySecret |= values[1].Secret;
        return ScriptValue.Null;
    }
}
