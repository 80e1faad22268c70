using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@request.ratelimit.set</c>: how throttled pages are recognised and waited for.</summary>
internal sealed partial class ScriptInterpreter
{
    private const int MaxRateLimitWaitMs = 300_000;
    private const int MaxRateLimitRetries = 10;

    private ScriptValue InvokeRateLimit(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
        switch (node.Operation.Operation)
        {
            case ScriptOperation.RequestRateLimitSet:
                _rateLimit = RateLimit(node, values);
                return ScriptValue.Null;
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }

    private static ScriptRateLimit RateLimit(OperationExpression node, ScriptValue[] values)
    {
        var args = node.Arguments;
        if (values[0].Kind != ScriptValueKind.Array)
        {
            throw args[0].Error($"@request.ratelimit.set needs an array of status codes first, got {values[0].TypeName()}");
        }

        var codes = new List<int>();
        foreach (var item in values[0].AsArray)
        {
            if (item.Kind != ScriptValueKind.Number || item.AsNumber != Math.Floor(item.AsNumber) || item.AsNumber is < 100 or > 599)
            {
                throw args[0].Error("@request.ratelimit.set: every status code must be a whole number from 100 to 599");
            }

            codes.Add((int)item.AsNumber);
        }

        if (values[1].Kind is not (ScriptValueKind.String or ScriptValueKind.Null))
        {
            throw args[1].Error($"@request.ratelimit.set needs a header name or null second, got {values[1].TypeName()}");
        }

        int wait = WholeNumber(values[2], args[2], "wait", MaxRateLimitWaitMs);
        int retry = WholeNumber(values[3], args[3], "retry", MaxRateLimitRetries);
        string? header = values[1].IsNull || values[1].AsString.Length == 0 ? null : values[1].AsString;
        return new ScriptRateLimit(codes, header, wait, retry);
    }

    private static int WholeNumber(ScriptValue value, ScriptExpression argument, string what, int max)
    {
        if (value.Kind != ScriptValueKind.Number || value.AsNumber != Math.Floor(value.AsNumber) || value.AsNumber < 0 || value.AsNumber > max)
        {
            throw argument.Error($"@request.ratelimit.set: {what} must be a whole number from 0 to {max}");
        }

        return (int)value.AsNumber;
    }
}
