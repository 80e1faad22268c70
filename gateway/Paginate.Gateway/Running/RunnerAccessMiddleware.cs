using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Paginate.Gateway.Access;
using Paginate.Gateway.Catalog;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Upstream;

namespace Paginate.Gateway.Running;

/// <summary>
/// First step of YARP's proxy pipeline for <c>/r/{runner_id}</c>: the access check, before any upstream call
/// and before the 404, so a caller who is not allowed learns nothing about which runners exist. Sets
/// <see cref="RunnerCallFeature"/> and points YARP's proxy feature at the runner's origin cluster.
/// </summary>
internal sealed class RunnerAccessMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RunnerAccessMiddleware> _logger;
    private readonly RunnerCatalog _catalog;
    private readonly AccessChecker _access;
    private readonly GatewayMetrics _metrics;
    private readonly ClusterDirectory _clusters;
    private readonly TimeProvider _time;

    public RunnerAccessMiddleware(
        RequestDelegate next,
        ILogger<RunnerAccessMiddleware> logger,
        RunnerCatalog catalog,
        AccessChecker access,
        GatewayMetrics metrics,
        ClusterDirectory clusters,
        TimeProvider time)
    {
        _time = time;
        _clusters = clusters;
        _next = next;
        _logger = logger;
        _catalog = catalog;
        _access = access;
        _metrics = metrics;
    }

    public Task Invoke(HttpContext context)
    {
        var start = _time.GetTimestamp();
        var runnerId = context.Request.RouteValues["runner_id"] as string ?? string.Empty;
        var snapshot = _catalog.Current;
        var outcome = _access.Check(context, runnerId, snapshot, _catalog.FreshAt);
        if (outcome is AccessOutcome.DeniedNoToken or AccessOutcome.DeniedInvalidToken or AccessOutcome.DeniedStaleToken)
        {
            var reason = outcome switch
            {
                AccessOutcome.DeniedNoToken => "missing_token",
                AccessOutcome.DeniedStaleToken => "stale_token",
                _ => "invalid_token",
            };
            _metrics.AccessDenied(reason);
            RunLog.AccessDenied(_logger, UpstreamClusters.RouteTemplate, reason);
            return Problems.UnauthorizedAsync(context);
        }

        if (!snapshot.Runners.TryGetValue(runnerId, out var runner))
        {
            RunLog.UnknownRunner(_logger, UpstreamClusters.RouteTemplate);
            return Problems.NotFoundAsync(context);
        }

        if (!_clusters.TryGet(runner.Origin, out var cluster))
        {
            // Only while YARP has not applied a just-added origin yet (the catalog waits for it, up to a limit).
            RunLog.NoCluster(_logger, UpstreamClusters.RouteTemplate, runnerId);
            return Problems.UpstreamUnavailableAsync(context);
        }

        context.ReassignProxyRequest(cluster);
        context.Features.Set(new RunnerCallFeature(runnerId, runner, start));
        return _next(context);
    }
}
