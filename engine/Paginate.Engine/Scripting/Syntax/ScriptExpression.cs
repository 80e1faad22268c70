namespace Paginate.Engine.Scripting.Syntax;

/// <summary>An expression node. Every node keeps the 1-based position of its first token for error messages.</summary>
internal abstract class ScriptExpression(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>Evaluates the node; each call costs one step of the page's budget.</summary>
    public abstract ScriptValue Evaluate(IScriptEvaluator interpreter);

    public ScriptRuntimeException Error(string message) => new(message, Line, Column);
}
