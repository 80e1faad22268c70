namespace Paginate.Engine.Scripting.Syntax;

/// <summary><c>!operand</c> (booleans) or <c>-operand</c> (numbers).</summary>
internal sealed class UnaryExpression(ScriptTokenKind op, ScriptExpression operand, int line, int column) : ScriptExpression(line, column)
{
    public ScriptTokenKind Operator { get; } = op;

    public ScriptExpression Operand { get; } = operand;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        var value = Operand.Evaluate(interpreter);
        if (Operator == ScriptTokenKind.Not)
        {
            if (value.Kind != ScriptValueKind.Boolean)
            {
                throw Error($"operator '!' needs a boolean, got {value.TypeName()}");
            }

            return ScriptValue.Boolean(!value.AsBoolean);
        }

        if (value.Kind != ScriptValueKind.Number)
        {
            throw Error($"operator '-' needs a number, got {value.TypeName()}");
        }

        return ScriptValue.Number(-value.AsNumber);
    }
}
