using System.Text.Json;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>Where a page's items were found: the path segments, the array and why it was chosen.</summary>
internal sealed record FoundItems(IReadOnlyList<string> Segments, JsonElement Array, string Evidence, double Confidence)
{
    public string Path => PathText.Of(Segments);

    public int Count => Array.GetArrayLength();

    public JsonElement? LastItem => Count == 0 ? null : Array[Count - 1];
}
