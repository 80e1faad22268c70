namespace Paginate.Engine.Scripting.Syntax;

/// <summary><c>array[index]</c>: a 0-based item, negative counts from the end; out of range is null.</summary>
internal sealed class IndexExpression(ScriptExpression target, ScriptExpression index, int line, int column) : ScriptExpression(line, column)
{
    public ScriptExpression Target { get; } = target;

    public ScriptExpression Index { get; } = index;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        var target = Target.Evaluate(interpreter);
        var index = Index.Evaluate(interpreter);
        if (target.Kind != ScriptValueKind.Array)
        {
            throw Error($"only an array can be indexed, got {target.TypeName()}");
        }

        if (index.Kind != ScriptValueKind.Number || index.AsNumber != Math.Floor(index.AsNumber))
        {
            throw Index.Error($"an array index must be a whole number, got {index.TypeName()}");
        }

        var items = target.AsArray;
        double position = index.AsNumber < 0 ? items.Count + index.AsNumber : index.AsNumber;
        if (position < 0 || position >= items.Count)
        {
            return ScriptValue.Null;
        }

        var item = items[(int)position];
        return target.Secret ? item.AsSecret() : item;
    }
}
