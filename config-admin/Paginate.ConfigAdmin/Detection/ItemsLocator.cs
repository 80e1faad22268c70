using System.Text.Json;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Finds the items array of a page: the body itself, an array under a common name (also one level down,
/// e.g. <c>data.items</c>, GraphQL <c>data.users.nodes</c>, HAL <c>_embedded.orders</c>), else the largest
/// array of objects.
/// </summary>
internal static class ItemsLocator
{
    private static readonly string[] CommonNames = ["data", "items", "results", "records", "value", "entries", "nodes", "edges", "list", "rows", "hits", "objects", "elements"];
    private const int MaxDepth = 5;

    public static FoundItems? Find(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return new FoundItems([], root, "the body itself is an array", 0.95);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in CommonNames)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
            {
                return new FoundItems([name], value, $"'{name}' is an array", 0.9);
            }
        }

        // One level down: data.items, data.users.nodes (GraphQL), _embedded.orders (HAL).
        foreach (var container in new[] { "data", "_embedded", "response", "result" })
        {
            if (!root.TryGetProperty(container, out var inner) || inner.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var property in inner.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array && (container == "_embedded" || CommonNames.Contains(property.Name)))
                {
                    return new FoundItems([container, property.Name], property.Value, $"'{container}.{property.Name}' is an array", 0.85);
                }

                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var name in new[] { "nodes", "edges", "items", "results" })
                    {
                        if (property.Value.TryGetProperty(name, out var nested) && nested.ValueKind == JsonValueKind.Array)
                        {
                            return new FoundItems([container, property.Name, name], nested, $"'{container}.{property.Name}.{name}' is an array", 0.85);
                        }
                    }
                }
            }
        }

        FoundItems? largest = null;
        Walk(root, [], 0, ref largest);
        return largest;
    }

    private static void Walk(JsonElement element, List<string> path, int depth, ref FoundItems? largest)
    {
        if (depth > MaxDepth || element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            path.Add(property.Name);
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                var objects = property.Value.EnumerateArray().Count(e => e.ValueKind == JsonValueKind.Object);
                if (objects > 0 && (largest is null || objects > largest.Count))
                {
                    largest = new FoundItems([.. path], property.Value, $"'{PathText.Of(path)}' is the largest array of objects", 0.6);
                }
            }
            else
            {
                Walk(property.Value, path, depth + 1, ref largest);
            }

            path.RemoveAt(path.Count - 1);
        }
    }
}
