using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>JSON to <see cref="RunnerDefinition"/>, with errors keyed by field path (<c>request.url</c>).</summary>
internal static class DefinitionReader
{
    public static RunnerDefinition? Read(JsonElement json, string fieldPrefix, Dictionary<string, List<string>> errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            Http.JsonBody.AddError(errors, fieldPrefix.Length == 0 ? "body" : fieldPrefix.TrimEnd('.'), "must be a runner definition object.");
            return null;
        }

        try
        {
            return json.Deserialize<RunnerDefinition>(RunnerJson.Options);
        }
        catch (JsonException ex)
        {
            var path = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
            var unknown = ex.Message.Contains("could not be mapped", StringComparison.Ordinal);
            if (unknown && ex.Message.Split('\'') is { Length: >= 3 } parts && !path.EndsWith(parts[1], StringComparison.Ordinal))
            {
                path = path.Length == 0 ? parts[1] : $"{path}.{parts[1]}";
            }

            var field = fieldPrefix + (path.Length == 0 ? "body" : path);
            Http.JsonBody.AddError(errors, field.TrimEnd('.'), unknown ? "unknown field." : "has the wrong type or form.");
            return null;
        }
    }
}
