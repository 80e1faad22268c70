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
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
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
}
