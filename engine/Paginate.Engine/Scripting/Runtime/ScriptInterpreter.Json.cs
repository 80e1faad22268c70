using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary><c>@json.*</c> and the conversions between JSON and script values.</summary>
internal sealed partial class ScriptInterpreter
{
    private ScriptValue InvokeJson(OperationExpression node, ScriptValue[] values)
    {
        switch (node.Operation.Operation)
        {
            case ScriptOperation.JsonGet:
                return JsonGet(node, values);
            case ScriptOperation.JsonAdd:
            case ScriptOperation.JsonRemove:
                return JsonEdit(node, values);
            default:
                throw new InvalidOperationException("Operation without an implementation: " + node.Operation.Name);
        }
    }

    private ScriptValue JsonGet(OperationExpression node, ScriptValue[] values)
    {
        string path = Key(node, values, 0);
        string json = String(node, values, 1);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw node.Arguments[1].Error("@json.get: the object is not valid JSON");
        }

        using (document)
        {
            var result = ScriptJsonPointer.TryGet(document.RootElement, ScriptJsonPointer.Parse(path, node), out var found)
                ? FromJson(found, node)
                : ScriptValue.Null;
            return values[1].Secret ? result.AsSecret() : result;
        }
    }

    private ScriptValue JsonEdit(OperationExpression node, ScriptValue[] values)
    {
        bool add = node.Operation.Operation == ScriptOperation.JsonAdd;
        int objectIndex = add ? 2 : 1;
        var root = ParseJson(String(node, values, objectIndex), node.Arguments[objectIndex], "@" + node.Operation.Name);
        var tokens = ScriptJsonPointer.Parse(Key(node, values, 0), node);
        bool secret = values[objectIndex].Secret;
        if (add)
        {
            if (!ScriptJsonPointer.TrySet(ref root, tokens, ToJson(values[1]), out string? problem))
            {
                throw node.Error($"@json.add: {problem}");
            }

            secret |= values[1].Secret;
        }
        else
        {
            ScriptJsonPointer.Remove(root, tokens);
        }

        return ScriptValue.String(CheckLength(root?.ToJsonString() ?? "null", node), secret);
    }

    private static JsonNode? ParseJson(string json, ScriptExpression argument, string operation)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            throw argument.Error($"{operation}: the text is not valid JSON");
        }
    }

    private static JsonNode? ToJson(ScriptValue value) => value.Kind switch
    {
        ScriptValueKind.Null => null,
        ScriptValueKind.Boolean => JsonValue.Create(value.AsBoolean),
        ScriptValueKind.Number => value.AsNumber == Math.Floor(value.AsNumber) && Math.Abs(value.AsNumber) < 1e15
            ? JsonValue.Create((long)value.AsNumber)
            : JsonValue.Create(value.AsNumber),
        ScriptValueKind.String => JsonValue.Create(value.AsString),
        _ => new JsonArray([.. value.AsArray.Select(ToJson)]),
    };

    private ScriptValue FromJson(JsonElement element, ScriptExpression node) => element.ValueKind switch
    {
        JsonValueKind.String => ScriptValue.String(CheckLength(element.GetString()!, node)),
        JsonValueKind.Number => Number(element.GetRawText()),
        JsonValueKind.True => ScriptValue.True,
        JsonValueKind.False => ScriptValue.False,
        JsonValueKind.Object or JsonValueKind.Array => RawText(element, node),
        _ => ScriptValue.Null,
    };

    /// <summary>
    /// A JSON number as a script number, unless a double cannot hold it exactly: large integer ids and cursors
    /// (Twitter-style <c>next_cursor</c>) then stay strings with their exact digits, so they can be sent back.
    /// </summary>
    private static ScriptValue Number(string raw)
    {
        double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        bool integral = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (!double.IsFinite(value) || (integral && Math.Abs(value) > MaxExactInteger))
        {
            return ScriptValue.String(raw);
        }

        return ScriptValue.Number(value);
    }

    private const double MaxExactInteger = 9_007_199_254_740_992; // 2^53

    private ScriptValue RawText(JsonElement element, ScriptExpression node)
    {
        // Check the size before building the string, so a huge page never becomes a huge script value.
        CheckLength(JsonMarshal.GetRawUtf8Value(element).Length, node);
        return ScriptValue.String(element.GetRawText());
    }

    private ScriptValue FromJson(JsonNode? value, ScriptExpression node)
    {
        switch (value)
        {
            case null:
                return ScriptValue.Null;
            case JsonValue scalar:
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => ScriptValue.String(CheckLength(scalar.GetValue<string>(), node)),
                    JsonValueKind.Number => Number(scalar.ToJsonString()),
                    JsonValueKind.True => ScriptValue.True,
                    JsonValueKind.False => ScriptValue.False,
                    _ => ScriptValue.Null,
                };
            default:
                return ScriptValue.String(CheckLength(value.ToJsonString(), node));
        }
    }
}
