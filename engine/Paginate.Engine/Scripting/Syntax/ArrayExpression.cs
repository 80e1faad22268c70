namespace Paginate.Engine.Scripting.Syntax;

/// <summary>An array literal <c>[a, b, c]</c>; items are strings, numbers, booleans or null.</summary>
internal sealed class ArrayExpression(IReadOnlyList<ScriptExpression> items, int line, int column) : ScriptExpression(line, column)
{
    public IReadOnlyList<ScriptExpression> Items { get; } = items;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        if (Items.Count > interpreter.Limits.MaxArrayLength)
        {
            throw Error($"array has more than {interpreter.Limits.MaxArrayLength} items");
        }

        var values = new ScriptValue[Items.Count];
        bool secret = false;
        for (int i = 0; i < values.Length; i++)
        {
            var value = Items[i].Evaluate(interpreter);
            if (value.Kind == ScriptValueKind.Array)
            {
                throw Items[i].Error("an array item cannot be an array");
            }

            secret |= value.Secret;
            values[i] = value;
        }

        return ScriptValue.Array(values, secret);
    }
}
