using System.Text.Json;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>A fetched first page: what detection looks at. Lives for one request only.</summary>
internal sealed record FirstPage(int Status, IReadOnlyList<string> LinkHeaders, JsonElement Body);
