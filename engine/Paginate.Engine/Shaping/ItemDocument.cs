using System.Text.Json;

namespace Paginate.Engine.Shaping;

/// <summary>How one item's bytes are parsed when a shape reads its fields: the page's depth limit applies.</summary>
internal static class ItemDocument
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };
}
