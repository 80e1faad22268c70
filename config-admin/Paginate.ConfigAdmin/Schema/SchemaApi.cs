using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Schema;

/// <summary><c>GET /api/schema/runner</c>: the JSON Schema of the runner definition, from the engine.</summary>
internal static class SchemaApi
{
    public static IEndpointRouteBuilder MapSchema(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/schema").WithTags("Schema")
            .MapGet("/runner", () => TypedResults.Text(RunnerSchema.Json, "application/schema+json"))
            .WithSummary("The JSON Schema of a runner definition");
        return api;
    }
}
