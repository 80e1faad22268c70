using Paginate.DemoApi.Data;

namespace Paginate.DemoApi.Endpoints;

/// <summary>What happens before any page is written: the auth check, the latency and the planned failure.</summary>
internal static class PageGate
{
    /// <summary>Returns false when the request was already answered (401 or the planned failure).</summary>
    public static async Task<bool> PassAsync(HttpContext context, DemoQuery query, long pageNumber)
    {
        if (query.RequireAuth && !context.Request.Headers.ContainsKey("Authorization"))
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "missing Authorization header");
            return false;
        }

        if (query.DelayMs > 0)
        {
            await Task.Delay(query.DelayMs, context.RequestAborted);
        }

        if (query.FailPage > 0 && pageNumber == query.FailPage)
        {
            await WriteErrorAsync(context, query.FailStatus, $"planned failure on page {pageNumber}");
            return false;
        }

        return true;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = message }, context.RequestAborted);
    }
}
