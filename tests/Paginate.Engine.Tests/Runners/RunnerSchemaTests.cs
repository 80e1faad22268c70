using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

/// <summary>Keeps the hand-written schema in step with the model records, the defaults and the validation rules.</summary>
public sealed class RunnerSchemaTests
{
    private static readonly JsonObject s_schema = JsonNode.Parse(RunnerSchema.Json)!.AsObject();

    private static JsonObject Resolve(JsonNode node)
    {
        var obj = node.AsObject();

        // A nullable section is written as oneOf [null, $ref]: the record's schema is the $ref.
        if (obj["oneOf"] is JsonArray choices && choices.FirstOrDefault(c => c?["$ref"] is not null) is { } choice)
        {
            obj = choice.AsObject();
        }

        if (obj["$ref"] is { } reference)
        {
            var name = reference.GetValue<string>().Split('/')[^1];
            return s_schema["$defs"]![name]!.AsObject();
        }

        return obj;
    }

    private static IEnumerable<(Type Type, JsonObject Schema)> Records()
    {
        var queue = new Queue<(Type, JsonObject)>([(typeof(RunnerDefinition), s_schema)]);
        var seen = new HashSet<Type>();
        while (queue.Count > 0)
        {
            var (type, schema) = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            yield return (type, schema);
            foreach (var property in RunnerJson.Options.GetTypeInfo(type).Properties)
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (propertyType != typeof(JsonElement) && RunnerJson.Options.GetTypeInfo(propertyType).Kind == JsonTypeInfoKind.Object)
                {
                    queue.Enqueue((propertyType, Resolve(schema["properties"]![property.Name]!)));
                }
            }
        }
    }

    [Fact]
    public void Schema_IsDraft2020WithClosedObjects()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", s_schema["$schema"]!.GetValue<string>());
        foreach (var (type, schema) in Records())
        {
            Assert.True(schema["additionalProperties"]?.GetValue<bool>() == false, $"{type.Name}: additionalProperties must be false");
            Assert.Equal("object", schema["type"]!.GetValue<string>());
        }
    }

    [Fact]
    public void EveryModelProperty_IsInTheSchema_AndViceVersa()
    {
        var records = Records().ToList();
        Assert.Equal(
            new[] { nameof(CacheSpec), nameof(LimitsSpec), nameof(PaginationSpec), nameof(ParamPlacement), nameof(RateLimitSpec), nameof(RequestSpec), nameof(ResponseSpec), nameof(RunnerDefinition), nameof(ShapeSpec) },
            records.Select(r => r.Type.Name).Order(StringComparer.Ordinal));

        foreach (var (type, schema) in records)
        {
            var modelNames = RunnerJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            var schemaNames = schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            Assert.True(modelNames.SequenceEqual(schemaNames), $"{type.Name}: model [{string.Join(", ", modelNames)}] vs schema [{string.Join(", ", schemaNames)}]");
            foreach (var property in schema["properties"]!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(Resolve(property.Value!)["description"]?.GetValue<string>() ?? property.Value!["description"]?.GetValue<string>()),
                    $"{type.Name}.{property.Key} needs a description");
            }
        }
    }

    [Fact]
    public void Defaults_MatchDefaultConstructedRecordsAndStyleDefaults()
    {
        foreach (var (type, schema) in Records())
        {
            var expected = JsonSerializer.SerializeToNode(Activator.CreateInstance(type), type, RunnerJson.Options)!.AsObject();
            if (type == typeof(PaginationSpec))
            {
                // Style keys are omitted when null; their defaults are what normalization fills for their style.
                foreach (var style in PaginationStyles.All)
                {
                    var normalized = JsonSerializer.SerializeToNode(RunnerDefaults.NormalizePagination(new PaginationSpec { Style = style }), RunnerJson.Options)!.AsObject();
                    foreach (var (key, value) in normalized.Where(p => p.Key != "style"))
                    {
                        expected[key] = value?.DeepClone();
                    }
                }
            }

            foreach (var property in RunnerJson.Options.GetTypeInfo(type).Properties)
            {
                var propertySchema = schema["properties"]![property.Name]!.AsObject();
                var isRecord = RunnerJson.Options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType).Kind == JsonTypeInfoKind.Object
                    && property.PropertyType != typeof(JsonElement?) && property.PropertyType != typeof(ParamPlacement);
                expected.TryGetPropertyValue(property.Name, out var expectedValue);
                if (propertySchema.TryGetPropertyValue("default", out var schemaDefault))
                {
                    Assert.True(JsonNode.DeepEquals(schemaDefault, expectedValue),
                        $"{type.Name}.{property.Name}: schema default {schemaDefault?.ToJsonString() ?? "null"} vs model {expectedValue?.ToJsonString() ?? "null"}");
                }
                else
                {
                    Assert.True(expectedValue is null || isRecord, $"{type.Name}.{property.Name}: model default {expectedValue?.ToJsonString()} is missing from the schema");
                }
            }
        }
    }

    [Fact]
    public void Enums_MatchTheModelConstants()
    {
        var defs = s_schema["$defs"]!;
        Assert.Equal(PaginationStyles.All, defs["pagination"]!["properties"]!["style"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(ShapeModes.All, defs["shape"]!["properties"]!["mode"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(ParamLocations.All, defs["param_placement"]!["properties"]!["in"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(RateLimitScopes.All, defs["rate_limit"]!["properties"]!["scope"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    public static TheoryData<string> LimitKeys() => [.. s_schema["$defs"]!["limits"]!["properties"]!.AsObject().Where(p => p.Value!["minimum"] is not null).Select(p => p.Key)];

    [Theory]
    [MemberData(nameof(LimitKeys))]
    public void LimitRanges_MatchValidation(string key)
    {
        var property = s_schema["$defs"]!["limits"]!["properties"]![key]!;
        var min = property["minimum"]!.GetValue<long>();
        var max = property["maximum"]!.GetValue<long>();

        // Keep the other limits out of the way: a long total timeout, and a style where concurrency is allowed.
        string Definition(long value) => $$"""
            { "name": "n", "request": { "url": "https://api.example.com/x" },
              "pagination": { "style": "page_number", "total_pages_path": "pages" },
              "limits": { {{(key == "total_timeout_ms" ? string.Empty : "\"total_timeout_ms\": 900000, ")}}"{{key}}": {{value}} } }
            """;

        Assert.Empty(ErrorsFor(Definition(min), $"limits.{key}"));
        Assert.Empty(ErrorsFor(Definition(max), $"limits.{key}"));
        Assert.NotEmpty(ErrorsFor(Definition(min - 1), $"limits.{key}"));
        Assert.NotEmpty(ErrorsFor(Definition(max + 1), $"limits.{key}"));
    }

    [Theory]
    [InlineData("page_number", "page_size")]
    [InlineData("page_number", "start_page")]
    [InlineData("offset", "limit")]
    [InlineData("offset", "start_offset")]
    public void PaginationRanges_MatchValidation(string style, string key)
    {
        var property = s_schema["$defs"]!["pagination"]!["properties"]![key]!;
        var min = property["minimum"]!.GetValue<long>();
        string Definition(long value) => $$"""
            { "name": "n", "request": { "url": "https://api.example.com/x" }, "pagination": { "style": "{{style}}", "{{key}}": {{value}} } }
            """;

        Assert.Empty(ErrorsFor(Definition(min), $"pagination.{key}"));
        Assert.NotEmpty(ErrorsFor(Definition(min - 1), $"pagination.{key}"));
        if (property["maximum"] is { } maximum)
        {
            Assert.Empty(ErrorsFor(Definition(maximum.GetValue<long>()), $"pagination.{key}"));
            Assert.NotEmpty(ErrorsFor(Definition(maximum.GetValue<long>() + 1), $"pagination.{key}"));
        }
    }

    [Fact]
    public void StyleKeys_MatchValidation()
    {
        var allowedByStyle = new Dictionary<string, HashSet<string>>();
        foreach (var branch in s_schema["$defs"]!["pagination"]!["allOf"]!.AsArray())
        {
            var style = branch!["if"]!["properties"]!["style"]!["const"]!.GetValue<string>();
            allowedByStyle[style] = [.. branch["then"]!["propertyNames"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>())];
        }

        Assert.Equal(PaginationStyles.All.Order(StringComparer.Ordinal), allowedByStyle.Keys.Order(StringComparer.Ordinal));
        var keys = s_schema["$defs"]!["pagination"]!["properties"]!.AsObject().Select(p => p.Key).Where(k => k != "style").ToList();
        foreach (var (style, allowed) in allowedByStyle)
        {
            foreach (var key in keys)
            {
                var pagination = new JsonObject { ["style"] = style, [key] = SampleValue(key) };
                if (style == PaginationStyles.Cursor)
                {
                    pagination.TryAdd("cursor_path", "next");
                    pagination.TryAdd("cursor_param", new JsonObject { ["name"] = "after" });
                }
                else if (style == PaginationStyles.Script)
                {
                    pagination.TryAdd("script", "@pager.stop(true);");
                }

                var json = new JsonObject { ["name"] = "n", ["request"] = new JsonObject { ["url"] = "https://api.example.com/x" }, ["pagination"] = pagination };
                var rejected = ErrorsFor(json.ToJsonString(), $"pagination.{key}").Any(m => m.Contains("does not apply", StringComparison.Ordinal));
                Assert.True(rejected != allowed.Contains(key), $"style {style}, key {key}: schema allows={allowed.Contains(key)}, validation rejects={rejected}");
            }
        }
    }

    private static JsonNode SampleValue(string key) => key switch
    {
        _ when key.EndsWith("_param", StringComparison.Ordinal) => new JsonObject { ["in"] = "query", ["name"] = "x" },
        _ when key.EndsWith("_path", StringComparison.Ordinal) => "a.b",
        "script" => "@pager.stop(true);",
        _ => 5,
    };

    private static string[] ErrorsFor(string json, string key)
    {
        Assert.True(RunnerDefinitionReader.TryRead(json, out var definition, out var readErrors), string.Join("; ", readErrors.SelectMany(e => e.Value)));
        return RunnerCompiler.Validate(definition).TryGetValue(key, out var messages) ? messages : [];
    }
}
