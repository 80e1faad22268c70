using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paginate.ConfigAdmin.Http;

/// <summary>Writes times as RFC 3339 UTC with a <c>Z</c> (the contract's form); reads any RFC 3339 offset.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
