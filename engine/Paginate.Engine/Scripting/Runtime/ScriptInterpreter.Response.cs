using Paginate.Engine.Http;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@response.*</c>: read-only access to the page just received.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokeResponse(OperationExpression node, ScriptValue[] values)
    {
        switch (node.Operation.Operation)
        {
            case ScriptOperation.ResponseHeaderGet:
                return Text(_response.Header(Key(node, values, 0)), secret: false, node);
            case ScriptOperation.ResponseHeaderGetNextLink:
                return Text(LinkHeader.Find(_response.Header("Link"), "next"), secret: false, node);
            case ScriptOperation.ResponseHeaderGetLastLink:
                return Text(LinkHeader.Find(_response.Header("Link"), "last"), secret: false, node);
            case ScriptOperation.ResponseBodyGet:
                return ScriptJsonPointer.TryGet(_response.Body, ScriptJsonPointer.Parse(Key(node, values, 0), node), out var found)
                    ? FromJson(found, node)
                    : ScriptValue.Null;
            case ScriptOperation.ResponseStatusGet:
                return ScriptValue.Number(_response.Status);
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }
}
