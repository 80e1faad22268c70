using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Problems;

/// <summary>
/// The problem results the endpoints return: RFC 9457 with a type, title, status and detail, and
/// <c>errors</c> per field for validation failures. One result type for all, so handler unions stay short.
/// </summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        Status(StatusCodes.Status404NotFound, "Not Found", detail, ProblemTypes.NotFound);

    public static ProblemHttpResult RunnerNotFound(string id) =>
        NotFound(Runners.RunnerIds.IsWellFormed(id) ? $"No runner with id '{id}'." : "No runner with this id.");

    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors, string detail = "The request has invalid fields; see errors.") =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "Invalid request",
            Detail = detail,
        });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(FieldErrors.Single(field, message));

    public static ProblemHttpResult Status(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = type ?? ProblemTypes.ForStatus(status),
        });
}
