using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Paginate.ConfigAdmin.Problems;

/// <summary>Every error answer is problem details: handler results, status codes without a body, exceptions.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddAdminProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.ForStatus(status);
            }

            problem.Title ??= ReasonPhrases.GetReasonPhrase(status);

            // An unhandled exception must not leak internals: a fixed detail, never the exception's message.
            if (context.Exception is not null || status >= 500 && problem.Detail is null)
            {
                problem.Detail = status >= 500 ? "An unexpected error occurred." : problem.Detail;
            }

            problem.Detail ??= DefaultDetail(status);
            problem.Extensions.Remove("exception");
        });

    /// <summary>Status code pages for bodyless errors (unknown route, wrong method), exception handler for the rest.</summary>
    public static WebApplication UseAdminProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        return app;
    }

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status404NotFound => "No resource at this path.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed on this path.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be JSON (Content-Type: application/json).",
        StatusCodes.Status401Unauthorized => "A valid admin key is required: Authorization: Bearer <key>.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
