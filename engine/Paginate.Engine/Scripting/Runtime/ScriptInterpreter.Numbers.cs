using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@increment</c>, <c>@decrement</c>, <c>@toNumber</c> and <c>@toString</c>.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokeNumbers(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
        switch (node.Operation.Operation)
        {
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
}
