using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Paginate.Engine.Runners;

/// <summary>
/// Reads a runner definition from JSON (<see cref="RunnerJson.Options"/>) and turns what System.Text.Json would
/// reject (unknown field, wrong type, bad JSON) into the same field-path-keyed errors as validation, all at once,
/// so an API can answer 400 with <c>errors</c> per field. Does not validate the values: the compile step does.
/// </summary>
public static class RunnerDefinitionReader
{
    /// <summary>The error key for problems with the document as a whole (not JSON, not an object).</summary>
    public const string DocumentKey = "$";

    private const int MaxDepth = 64;

    /// <summary>Reads UTF-8 JSON text.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out RunnerDefinition? definition, out IReadOnlyDictionary<string, string[]> errors)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            definition = null;
            errors = Single(DocumentKey, $"the runner definition is not valid JSON: {ex.Message}");
            return false;
        }

        using (document)
        {
            return TryRead(document.RootElement, out definition, out errors);
        }
    }

    /// <summary>Reads JSON text.</summary>
    public static bool TryRead(string json, [NotNullWhen(true)] out RunnerDefinition? definition, out IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryRead(System.Text.Encoding.UTF8.GetBytes(json), out definition, out errors);
    }

    /// <summary>Reads a definition nested in a larger document (e.g. the <c>config</c> of a test call).</summary>
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out RunnerDefinition? definition, out IReadOnlyDictionary<string, string[]> errors)
    {
        definition = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors = Single(DocumentKey, $"the runner definition must be a JSON object, not {Json.JsonPath.DescribeKind(json.ValueKind)}");
            return false;
        }

        var found = new FieldErrors();
        CheckObject(json, RunnerJson.Options.GetTypeInfo(typeof(RunnerDefinition)), string.Empty, found);
        if (found.Count == 0)
        {
            try
            {
                definition = json.Deserialize<RunnerDefinition>(RunnerJson.Options);
            }
            catch (JsonException ex)
            {
                // The structural check mirrors the serializer, so this is a safety net; the path is all we echo.
                found.Add(KeyOf(ex.Path), "could not be read; check the type of this field");
            }
        }

        errors = found.ToDictionary();
        return definition is not null && errors.Count == 0;
    }

    private static void CheckObject(JsonElement element, JsonTypeInfo typeInfo, string path, FieldErrors errors)
    {
        var properties = typeInfo.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var key = Join(path, property.Name);
            if (!seen.Add(property.Name))
            {
                errors.Add(key, $"{key} appears more than once; keep one");
            }
            else if (!properties.TryGetValue(property.Name, out var info))
            {
                errors.Add(key, $"unknown field '{property.Name}'{(path.Length == 0 ? string.Empty : $" in {path}")}; allowed: {string.Join(", ", properties.Keys)}");
            }
            else
            {
                CheckValue(property.Value, info.PropertyType, key, errors);
            }
        }
    }

    private static void CheckValue(JsonElement value, Type type, string key, FieldErrors errors)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || !type.IsValueType;
        type = underlying ?? type;

        if (type == typeof(JsonElement))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                errors.Add(key, $"{key} must be {Expected(type)}, not null");
            }

            // A null object or string is read as null and reported by validation with its own message.
            return;
        }

        if (type == typeof(string))
        {
            Expect(value, JsonValueKind.String, type, key, errors);
        }
        else if (type == typeof(bool))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(key, $"{key} must be {Expected(type)}, not {Json.JsonPath.DescribeKind(value.ValueKind)}");
            }
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            if (!Expect(value, JsonValueKind.Number, type, key, errors))
            {
                return;
            }

            var fits = type == typeof(int) ? value.TryGetInt32(out _) : value.TryGetInt64(out _);
            if (!fits)
            {
                errors.Add(key, $"{key} must be {Expected(type)}; {value.GetRawText()} is not");
            }
        }
        else if (type == typeof(double))
        {
            Expect(value, JsonValueKind.Number, type, key, errors);
        }
        else
        {
            var typeInfo = RunnerJson.Options.GetTypeInfo(type);
            switch (typeInfo.Kind)
            {
                case JsonTypeInfoKind.Object when Expect(value, JsonValueKind.Object, type, key, errors):
                    CheckObject(value, typeInfo, key, errors);
                    break;

                case JsonTypeInfoKind.Enumerable when Expect(value, JsonValueKind.Array, type, key, errors):
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        CheckValue(item, typeInfo.ElementType!, $"{key}[{index++}]", errors);
                    }

                    break;

                case JsonTypeInfoKind.Dictionary when Expect(value, JsonValueKind.Object, type, key, errors):
                    foreach (var entry in value.EnumerateObject())
                    {
                        CheckValue(entry.Value, typeInfo.ElementType!, $"{key}.{entry.Name}", errors);
                    }

                    break;
            }
        }
    }

    private static bool Expect(JsonElement value, JsonValueKind kind, Type type, string key, FieldErrors errors)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        errors.Add(key, $"{key} must be {Expected(type)}, not {Json.JsonPath.DescribeKind(value.ValueKind)}");
        return false;
    }

    private static string Expected(Type type)
    {
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int))
        {
            return "a whole number (32-bit)";
        }

        if (type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(double))
        {
            return "a number";
        }

        return RunnerJson.Options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            _ => "an object",
        };
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // System.Text.Json paths look like "$.limits.max_pages" or "$.request.forward_headers[0]".
    private static string KeyOf(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? DocumentKey : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;

    private static IReadOnlyDictionary<string, string[]> Single(string key, string message) => FieldErrors.Single(key, message);
}
