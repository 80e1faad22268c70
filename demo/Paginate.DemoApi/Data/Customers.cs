using System.Text.Json;

namespace Paginate.DemoApi.Data;

/// <summary>
/// The deterministic customer list: item <c>i</c> is always the same, so a paged read can be
/// checked against the whole. Written straight to the JSON writer, without an object per item.
/// </summary>
internal static class Customers
{
    private const string IdPrefix = "cus_";
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus", "Radia", "Tim"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth", "Perlman", "Berners-Lee"];
    private static readonly (string City, string Country)[] Places = [("Paris", "FR"), ("Berlin", "DE"), ("Lisbon", "PT"), ("Austin", "US"), ("Toronto", "CA"), ("Osaka", "JP"), ("Nairobi", "KE"), ("Sydney", "AU")];
    private static readonly string[] Plans = ["free", "team", "business", "enterprise"];
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<string> Padding = new(() => new string('x', DemoQuery.MaxItemBytes));

    /// <summary>The id of item <paramref name="index"/> (0-based): <c>cus_000001</c> for the first.</summary>
    public static string Id(long index) => IdPrefix + (index + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads an id written by <see cref="Id"/> back into its 0-based index.</summary>
    public static bool TryParseId(string? id, out long index)
    {
        index = -1;
        if (id is null || !id.StartsWith(IdPrefix, StringComparison.Ordinal)
            || !long.TryParse(id.AsSpan(IdPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < 1)
        {
            return false;
        }

        index = number - 1;
        return true;
    }

    /// <summary>Writes item <paramref name="index"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, long index, int padBytes)
    {
        var first = FirstNames[index % FirstNames.Length];
        var last = LastNames[(index / FirstNames.Length) % LastNames.Length];
        var place = Places[index % Places.Length];
        var number = index + 1;

        writer.WriteStartObject();
        writer.WriteString("id", Id(index));
        writer.WriteString("object", "customer");
        writer.WriteString("name", $"{first} {last} {number}");
        writer.WriteString("email", $"{first.ToLowerInvariant()}.{number}@example.com");
        writer.WriteString("created_at", Epoch.AddMinutes(number * 7));
        writer.WriteString("plan", Plans[index % Plans.Length]);
        writer.WriteNumber("balance_cents", number * 137 % 100_000);
        writer.WriteBoolean("active", index % 5 != 0);
        writer.WriteStartObject("address");
        writer.WriteString("city", place.City);
        writer.WriteString("country", place.Country);
        writer.WriteEndObject();
        if (padBytes > 0)
        {
            writer.WriteString("pad", Padding.Value.AsSpan(0, padBytes));
        }

        writer.WriteEndObject();
    }
}
