using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>
/// JSON to <see cref="RunnerDefinition"/> through the engine's reader (unknown fields and wrong types are
/// errors per field), with error keys prefixed when the definition is nested (<c>config.request.url</c>).
/// </summary>
internal static class DefinitionReader
{
    public static RunnerDefinition? Read(JsonElement json, string fieldPrefix, FieldErrors errors)
    {
        if (RunnerDefinitionReader.TryRead(json, out var definition, out var found))
        {
            return definition;
        }

        foreach (var (key, messages) in found)
        {
            var field = key == RunnerDefinitionReader.DocumentKey
                ? (fieldPrefix.Length == 0 ? "body" : fieldPrefix.TrimEnd('.'))
                : fieldPrefix + key;
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        return null;
    }
}
