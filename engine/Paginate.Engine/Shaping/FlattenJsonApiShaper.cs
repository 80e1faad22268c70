using System.Runtime.InteropServices;
using System.Text.Json;

namespace Paginate.Engine.Shaping;

/// <summary>
/// <c>flatten_jsonapi</c>: a JSON:API resource object <c>{ id, type, attributes, relationships }</c> becomes
/// <c>{ "id", "type", ...attributes, "&lt;rel&gt;_id" | "&lt;rel&gt;_ids" }</c>. Anything that is not a resource
/// object is copied as is, so a mixed or plain page still comes through.
/// </summary>
/// <remarks>
/// Attributes named <c>id</c> or <c>type</c> (forbidden by JSON:API) are skipped so the output never holds a key
/// twice. A relationship without <c>data</c> (links only) adds nothing; <c>data: null</c> gives <c>&lt;rel&gt;_id: null</c>.
/// Resource <c>links</c> and <c>meta</c> are dropped; <c>included</c> is not resolved. An attribute that happens to be
/// named like a relationship key (<c>author_id</c> next to relationship <c>author</c>) is written as both, as the
/// upstream sent them; checking every name per item would cost an allocation per item for a case JSON:API APIs avoid.
/// </remarks>
internal sealed class FlattenJsonApiShaper : IItemShaper
{
    public static readonly FlattenJsonApiShaper Instance = new();

    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText s_type = JsonEncodedText.Encode("type");

    private FlattenJsonApiShaper()
    {
    }

    public int Write(Utf8JsonWriter writer, JsonElement item)
    {
        WriteItem(writer, item);
        return 0;
    }

    private static void WriteItem(Utf8JsonWriter writer, JsonElement item)
    {
        if (!IsResource(item, out var attributes, out var relationships))
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(item), skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        if (item.TryGetProperty("id"u8, out var id))
        {
            writer.WritePropertyName(s_id);
            WriteRaw(writer, id);
        }

        writer.WritePropertyName(s_type);
        WriteRaw(writer, item.GetProperty("type"u8));

        if (attributes.ValueKind == JsonValueKind.Object)
        {
            foreach (var attribute in attributes.EnumerateObject())
            {
                if (attribute.NameEquals("id"u8) || attribute.NameEquals("type"u8))
                {
                    continue;
                }

                writer.WritePropertyName(attribute.Name);
                WriteRaw(writer, attribute.Value);
            }
        }

        if (relationships.ValueKind == JsonValueKind.Object)
        {
            foreach (var relationship in relationships.EnumerateObject())
            {
                WriteRelationship(writer, relationship);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter writer, JsonProperty relationship)
    {
        if (relationship.Value.ValueKind != JsonValueKind.Object || !relationship.Value.TryGetProperty("data"u8, out var data))
        {
            return;
        }

        switch (data.ValueKind)
        {
            case JsonValueKind.Null:
                writer.WriteNull(relationship.Name + "_id");
                break;

            case JsonValueKind.Object:
                writer.WritePropertyName(relationship.Name + "_id");
                WriteIdentifier(writer, data);
                break;

            case JsonValueKind.Array:
                writer.WriteStartArray(relationship.Name + "_ids");
                foreach (var identifier in data.EnumerateArray())
                {
                    WriteIdentifier(writer, identifier);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteIdentifier(Utf8JsonWriter writer, JsonElement identifier)
    {
        if (identifier.ValueKind == JsonValueKind.Object && identifier.TryGetProperty("id"u8, out var id))
        {
            WriteRaw(writer, id);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    // A resource object has a string "type" and at least one of "attributes" or "relationships" as objects;
    // a bare { id, type } identifier flattens to itself, so it takes the raw path.
    private static bool IsResource(JsonElement item, out JsonElement attributes, out JsonElement relationships)
    {
        attributes = default;
        relationships = default;
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var hasAttributes = item.TryGetProperty("attributes"u8, out attributes) && attributes.ValueKind == JsonValueKind.Object;
        var hasRelationships = item.TryGetProperty("relationships"u8, out relationships) && relationships.ValueKind == JsonValueKind.Object;
        return hasAttributes || hasRelationships;
    }

    private static void WriteRaw(Utf8JsonWriter writer, JsonElement value) =>
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
}
