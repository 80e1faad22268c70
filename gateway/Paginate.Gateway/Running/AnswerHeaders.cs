using Microsoft.AspNetCore.Http;

namespace Paginate.Gateway.Running;

/// <summary>The status and headers of a runner's answer (CONTRACT §2), the same whether it is run or served from the cache.</summary>
internal static class AnswerHeaders
{
    public static void Set(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
    }
}
