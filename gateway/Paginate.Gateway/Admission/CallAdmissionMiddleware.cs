using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Paginate.Gateway.Running;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Upstream;

namespace Paginate.Gateway.Admission;

/// <summary>
/// After the access check, before any work: refuses new calls while the gateway drains, and calls past
/// <c>Gateway:MaxConcurrentCalls</c>, with <c>503</c> and <c>Retry-After</c> (CONTRACT §6.6, §6.7). The
/// check comes after access so that a caller who is not allowed still learns nothing but <c>401</c>.
/// </summary>
internal sealed class CallAdmissionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<CallAdmissionMiddleware> _logger;
    private readonly CallAdmission _admission;
    private readonly GatewayState _state;
    private readonly GatewayMetrics _metrics;

    public CallAdmissionMiddleware(RequestDelegate next, ILogger<CallAdmissionMiddleware> logger, CallAdmission admission, GatewayState state, GatewayMetrics metrics)
    {
        _next = next;
        _logger = logger;
        _admission = admission;
        _state = state;
        _metrics = metrics;
    }

    public async Task Invoke(HttpContext context)
    {
        var call = context.Features.Get<RunnerCallFeature>()
            ?? throw new InvalidOperationException("The access check must run before admission.");
        if (_state.Draining)
        {
            RunLog.Draining(_logger, UpstreamClusters.RouteTemplate, call.RunnerId);
            await Problems.DrainingAsync(context).ConfigureAwait(false);
            return;
        }

        if (!_admission.TryEnter())
        {
            _metrics.CallRejected(RejectionReasons.Overloaded);
            RunLog.Overloaded(_logger, UpstreamClusters.RouteTemplate, call.RunnerId);
            await Problems.OverloadedAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            _admission.Exit();
        }
    }
}
