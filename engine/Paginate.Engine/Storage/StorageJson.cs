using System.Text.Json;
using System.Text.Json.Serialization;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Storage;

/// <summary>Serialization of stored values: the contract's snake_case, tolerant of fields added later.</summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(RunnerJson.Options)
        {
            // Stored data may come from a newer version: read what we know.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
