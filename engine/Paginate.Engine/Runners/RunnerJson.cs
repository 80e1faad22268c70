using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paginate.Engine.Runners;

/// <summary>The JSON conventions of the contract: snake_case, unknown fields rejected, nulls kept.</summary>
public static class RunnerJson
{
    /// <summary>Options for runner definitions and every contract JSON document.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            WriteIndented = false,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
