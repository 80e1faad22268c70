namespace Paginate.Engine.Scripting.Syntax;

/// <summary>An <c>@operation(args)</c> call, resolved against <see cref="ScriptOperations"/> when parsing.</summary>
internal sealed class OperationExpression(ScriptOperationInfo operation, IReadOnlyList<ScriptExpression> arguments, int line, int column)
    : ScriptExpression(line, column)
{
    public ScriptOperationInfo Operation { get; } = operation;

    public IReadOnlyList<ScriptExpression> Arguments { get; } = arguments;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        return interpreter.Invoke(this);
    }
}
