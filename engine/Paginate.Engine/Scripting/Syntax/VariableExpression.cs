namespace Paginate.Engine.Scripting.Syntax;

/// <summary>A variable read. The name was resolved to a slot when parsing, so an unknown name never gets here.</summary>
internal sealed class VariableExpression(string name, int slot, int line, int column) : ScriptExpression(line, column)
{
    public string Name { get; } = name;

    public int Slot { get; } = slot;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        return interpreter.Variables[Slot];
    }
}
