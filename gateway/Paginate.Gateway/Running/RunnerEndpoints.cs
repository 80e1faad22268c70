using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Paginate.Gateway.Running;

/// <summary>
/// The single route <c>/r/{runner_id}</c>. Runners are rows of the catalog, not routes: thousands of runners
/// cost the route matcher nothing.
/// </summary>
internal static class RunnerEndpoints
{
    public static void MapRunners(this IEndpointRouteBuilder endpoints)
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseMiddleware<RunnerAccessMiddleware>();
        pipeline.UseMiddleware<PaginationMiddleware>();
        endpoints.MapMethods(RunLog.Route, ["GET", "POST"], pipeline.Build()).WithDisplayName("runner call");
    }
}
