using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Paginate.Engine.Budgets;
using Paginate.Engine.Paging;
using Paginate.Gateway.Admission;

namespace Paginate.Gateway.Running;

/// <summary>
/// Runner calls enter through YARP: <c>MapReverseProxy</c> serves the single route <c>/r/{runner_id}</c> of
/// <see cref="Upstream.UpstreamClusters"/>, and the call runs as middleware in YARP's proxy pipeline (after
/// YARP's own initializer has set the proxy feature): the access check, admission (draining, overload),
/// then the pagination loop, which ends the pipeline. Runners are rows of the catalog, not routes: thousands of runners cost the route
/// matcher nothing.
/// </summary>
internal static class RunnerEndpoints
{
    public static IServiceCollection AddRunnerCalls(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PageLoopOptions
        {
            Time = sp.GetRequiredService<TimeProvider>(),
            PageBuffers = sp.GetRequiredService<PageBufferBudget>(),
            Budget = sp.GetRequiredService<IUpstreamBudget>(),
        });
        return services;
    }

    public static void MapRunners(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<RunnerAccessMiddleware>();
            pipeline.UseMiddleware<CallAdmissionMiddleware>();
            pipeline.UseMiddleware<PaginationMiddleware>();
        }).WithDisplayName("runner call");
    }
}
