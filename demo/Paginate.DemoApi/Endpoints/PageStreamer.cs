using System.Text.Json;
using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary>
/// Writes one page of customers to the response as it is produced, flushing every few
/// kilobytes, so a page of a hundred megabytes never sits in memory.
/// </summary>
internal static class PageStreamer
{
    private const int FlushThresholdBytes = 32 * 1024;

    /// <summary>
    /// Writes <c>{ head..., "itemsProperty": [items], tail... }</c>, or a root array when
    /// <paramref name="itemsProperty"/> is null (head and tail are then ignored).
    /// </summary>
    public static async Task WriteAsync(
        HttpContext context,
        DemoQuery query,
        string? itemsProperty,
        long first,
        long count,
        Action<Utf8JsonWriter>? head = null,
        Action<Utf8JsonWriter>? tail = null)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });

        if (itemsProperty is null)
        {
            writer.WriteStartArray();
        }
        else
        {
            writer.WriteStartObject();
            head?.Invoke(writer);
            writer.WriteStartArray(itemsProperty);
        }

        for (var i = 0L; i < count; i++)
        {
            Customers.Write(writer, first + i, query.ItemBytes);
            if (writer.BytesPending >= FlushThresholdBytes)
            {
                writer.Flush();
                await body.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        if (itemsProperty is not null)
        {
            tail?.Invoke(writer);
            writer.WriteEndObject();
        }

        writer.Flush();
        await body.FlushAsync(ct);
    }

    /// <summary>How many items the page starting at <paramref name="first"/> holds.</summary>
    public static long CountFrom(DemoQuery query, long first, long size) =>
        first < 0 || first >= query.Total ? 0 : Math.Min(size, query.Total - first);
}
