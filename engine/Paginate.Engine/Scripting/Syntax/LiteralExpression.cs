namespace Paginate.Engine.Scripting.Syntax;

/// <summary>A string, number, boolean or null literal.</summary>
internal sealed class LiteralExpression(ScriptValue value, int line, int column) : ScriptExpression(line, column)
{
    public ScriptValue Value { get; } = value;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        return Value;
    }
}
