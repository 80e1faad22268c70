using Microsoft.AspNetCore.Http;

namespace Paginate.Gateway.Hosting;

/// <summary>
/// Keeps the listeners apart: the management listener serves only <c>/metrics</c>, <c>/healthz</c> and
/// <c>/readyz</c>, and the public listener never serves those.
/// </summary>
internal sealed class ListenerGateMiddleware
{
    private readonly RequestDelegate _next;
    private readonly Listeners _listeners;

    public ListenerGateMiddleware(RequestDelegate next, Listeners listeners)
    {
        _next = next;
        _listeners = listeners;
    }

    public Task Invoke(HttpContext context)
    {
        var path = context.Request.Path;
        var managementPath = path.Equals("/metrics", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/healthz", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase);
        var onManagement = _listeners.ManagementPort is { } port && context.Connection.LocalPort == port;
        if (managementPath != onManagement)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return _next(context);
    }
}
