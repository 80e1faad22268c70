using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paginate.ConfigAdmin.Http;

/// <summary>The API's JSON: snake_case like the runner definition, dictionary keys as given, nulls written.</summary>
internal static class AdminJson
{
    public static IServiceCollection AddAdminJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = null;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.SerializerOptions.Converters.Add(new UtcTimeConverter());
        });
}
