using System.Globalization;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>The <c>@operations</c>: the only way a script touches anything outside its own variables. Each family lives in its own file; this one dispatches and reads arguments.</summary>
internal sealed partial class ScriptInterpreter
{
    public ScriptValue Invoke(OperationExpression node)
    {
        var args = node.Arguments;
        var values = args.Count == 0 ? [] : new ScriptValue[args.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Evaluate(this);
        }

        return node.Operation.Operation switch
        {
            ScriptOperation.PagerStop or ScriptOperation.PagerPageCount or ScriptOperation.Log => InvokePager(node, values),
            >= ScriptOperation.ResponseHeaderGet and <= ScriptOperation.ResponseStatusGet => InvokeResponse(node, values),
            >= ScriptOperation.RequestHeaderPut and <= ScriptOperation.RequestQueryGet => InvokeRequestFields(node, values),
            >= ScriptOperation.RequestBodyPut and <= ScriptOperation.RequestBodySet => InvokeRequestBody(node, values),
            >= ScriptOperation.RequestUriSet and <= ScriptOperation.RequestUriGet => InvokeRequestUri(node, values),
            ScriptOperation.RequestRateLimitSet => InvokeRateLimit(node, values),
            ScriptOperation.JsonGet or ScriptOperation.JsonAdd or ScriptOperation.JsonRemove => InvokeJson(node, values),
            _ => InvokeNumbers(node, values),
        };
    }

    private static string Key(OperationExpression node, ScriptValue[] values, int index) => String(node, values, index);

    private static string String(OperationExpression node, ScriptValue[] values, int index)
    {
        var value = values[index];
        return value.Kind switch
        {
            ScriptValueKind.String => value.AsString,
            ScriptValueKind.Number => value.ToText(),
            _ => throw node.Arguments[index].Error($"@{node.Operation.Name} needs a string as argument {index + 1}, got {value.TypeName()}"),
        };
    }

    private ScriptValue Text(string? text, bool secret, ScriptExpression node) =>
        text is null ? ScriptValue.Null : ScriptValue.String(CheckLength(text, node), secret);

    private static double Numeric(OperationExpression node, ScriptValue value, ScriptExpression argument)
    {
        if (value.Kind == ScriptValueKind.Number)
        {
            return value.AsNumber;
        }

        if (value.Kind == ScriptValueKind.String
            && double.TryParse(value.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            && double.IsFinite(parsed))
        {
            return parsed;
        }

        throw argument.Error(value.Kind == ScriptValueKind.String
            ? $"@{node.Operation.Name} needs a number, got a string that is not a number"
            : $"@{node.Operation.Name} needs a number, got {value.TypeName()}");
    }
}
