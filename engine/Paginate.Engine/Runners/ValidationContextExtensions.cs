using FluentValidation;
using FluentValidation.Results;

namespace Paginate.Engine.Runners;

internal static class ValidationContextExtensions
{
    /// <summary>
    /// Adds a failure under an explicit snake_case field path. Messages are added as written: they quote user text
    /// (URLs, paths) that may hold braces, which FluentValidation's message formatter would otherwise rewrite.
    /// </summary>
    public static void Fail<T>(this ValidationContext<T> context, string path, string message) =>
        context.AddFailure(new ValidationFailure(path, message));
}
