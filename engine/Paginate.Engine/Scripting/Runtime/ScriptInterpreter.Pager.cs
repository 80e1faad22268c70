using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@pager.stop</c>, <c>@pager.pageCount</c> and <c>@log</c>.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokePager(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
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
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }
}
