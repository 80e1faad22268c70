namespace Paginate.Engine.Scripting.Syntax;

/// <summary>
/// A binary operator. <c>&amp;&amp;</c>, <c>||</c> and <c>??</c> short-circuit; <c>+</c> concatenates when either
/// side is a string; every other operator is strict about types (no silent coercion).
/// </summary>
internal sealed class BinaryExpression(ScriptTokenKind op, string symbol, ScriptExpression left, ScriptExpression right, int line, int column)
    : ScriptExpression(line, column)
{
    public ScriptTokenKind Operator { get; } = op;

    public string Symbol { get; } = symbol;

    public ScriptExpression Left { get; } = left;

    public ScriptExpression Right { get; } = right;

    public override ScriptValue Evaluate(IScriptEvaluator interpreter)
    {
        interpreter.Step(this);
        var left = Left.Evaluate(interpreter);
        switch (Operator)
        {
            case ScriptTokenKind.Coalesce:
                return left.IsNull ? Right.Evaluate(interpreter) : left;
            case ScriptTokenKind.And:
                return Boolean(left) ? Boolean(Right.Evaluate(interpreter)) ? ScriptValue.True : ScriptValue.False : ScriptValue.False;
            case ScriptTokenKind.Or:
                return Boolean(left) ? ScriptValue.True : ScriptValue.Boolean(Boolean(Right.Evaluate(interpreter)));
        }

        var right = Right.Evaluate(interpreter);
        switch (Operator)
        {
            case ScriptTokenKind.Equal:
                return ScriptValue.Boolean(left.Equals(right));
            case ScriptTokenKind.NotEqual:
                return ScriptValue.Boolean(!left.Equals(right));
            case ScriptTokenKind.Less or ScriptTokenKind.LessOrEqual or ScriptTokenKind.Greater or ScriptTokenKind.GreaterOrEqual:
                return Compare(left, right);
            case ScriptTokenKind.Plus when left.Kind == ScriptValueKind.String || right.Kind == ScriptValueKind.String:
                return interpreter.Concatenate(left, right, this);
        }

        if (left.Kind != ScriptValueKind.Number || right.Kind != ScriptValueKind.Number)
        {
            throw Error($"operator '{Symbol}' needs numbers, got {left.TypeName()} and {right.TypeName()}");
        }

        double a = left.AsNumber, b = right.AsNumber;
        if (b == 0 && Operator is ScriptTokenKind.Slash or ScriptTokenKind.Percent)
        {
            throw Error("division by zero");
        }

        double result = Operator switch
        {
            ScriptTokenKind.Plus => a + b,
            ScriptTokenKind.Minus => a - b,
            ScriptTokenKind.Star => a * b,
            ScriptTokenKind.Slash => a / b,
            _ => a % b,
        };
        if (!double.IsFinite(result))
        {
            throw Error($"operator '{Symbol}' overflowed the number range");
        }

        return ScriptValue.Number(result);
    }

    private bool Boolean(ScriptValue value) =>
        value.Kind == ScriptValueKind.Boolean
            ? value.AsBoolean
            : throw Error($"operator '{Symbol}' needs booleans, got {value.TypeName()}");

    private ScriptValue Compare(ScriptValue left, ScriptValue right)
    {
        int order;
        if (left.Kind == ScriptValueKind.Number && right.Kind == ScriptValueKind.Number)
        {
            order = left.AsNumber.CompareTo(right.AsNumber);
        }
        else if (left.Kind == ScriptValueKind.String && right.Kind == ScriptValueKind.String)
        {
            // Two numeric strings compare as numbers ("10" > "9"); other text in ordinal order.
            if (!ScriptNumericText.TryCompare(left.AsString, right.AsString, out order))
            {
                order = string.CompareOrdinal(left.AsString, right.AsString);
            }
        }
        else
        {
            throw Error($"operator '{Symbol}' compares two numbers or two strings, got {left.TypeName()} and {right.TypeName()}");
        }

        return ScriptValue.Boolean(Operator switch
        {
            ScriptTokenKind.Less => order < 0,
            ScriptTokenKind.LessOrEqual => order <= 0,
            ScriptTokenKind.Greater => order > 0,
            _ => order >= 0,
        });
    }
}
