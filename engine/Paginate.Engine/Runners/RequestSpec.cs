using System.Text.Json;

namespace Paginate.Engine.Runners;

/// <summary>The first upstream request of a run.</summary>
public sealed record RequestSpec
{
    /// <summary><c>GET</c> (default) or <c>POST</c>.</summary>
    public string Method { get; init; } = RunnerDefaults.Method;

    /// <summary>Absolute https URL; may hold <c>{{name}}</c> placeholders in path and query. Required.</summary>
    public string? Url { get; init; }

    /// <summary>Header NAMES copied from the incoming call onto every upstream request. Values are never stored.</summary>
    public IReadOnlyList<string> ForwardHeaders { get; init; } = [];

    /// <summary>Non-secret headers stored with the runner; credential-like names are rejected.</summary>
    public IReadOnlyDictionary<string, string> StaticHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>JSON template sent with POST; placeholders allowed inside string values.</summary>
    public JsonElement? Body { get; init; }
}
