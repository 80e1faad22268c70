using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Notes;

/// <summary>Append-only usage notes per runner: short text, capped in count, never a credential.</summary>
internal static class UsageNotesApi
{
    public const int MaxLength = 500;
    public const int MaxNotes = 1000;

    public static IEndpointRouteBuilder MapUsageNotes(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/runners/{id}/usage-notes").WithTags("Usage notes").RequireRunner();
        group.MapPost("/", AddAsync)
            .Accepts<UsageNoteRequest>("application/json")
            .WithSummary("Append a note (credential-looking text is refused)")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(415);
        group.MapGet("/", ListAsync).WithSummary("All notes, oldest first").ProducesProblem(404);
        return api;
    }

    private static async Task<Results<Created<UsageNoteView>, ProblemHttpResult>> AddAsync(
        RunnerLookup found,
        HttpRequest request,
        IUsageNoteStore notes,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var runner = found.Runner;

        var (value, problem) = await JsonBody.ReadStringFieldAsync(request, "note", CheckNote, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var text = value!.Trim();
        var existing = await notes.ListAsync(runner.Id, cancellationToken).ConfigureAwait(false);
        if (existing.Count >= MaxNotes)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Too many notes", $"A runner keeps at most {MaxNotes} notes.", ProblemTypes.Conflict);
        }

        var note = new UsageNote(text, time.GetUtcNow());
        await notes.AppendAsync(runner.Id, note, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/runners/{runner.Id}/usage-notes", new UsageNoteView(note.Note, note.CreatedAt));
    }

    private static async Task<Results<Ok<UsageNoteList>, ProblemHttpResult>> ListAsync(
        RunnerLookup found,
        IUsageNoteStore notes,
        CancellationToken cancellationToken)
    {
        var runner = found.Runner;

        var list = await notes.ListAsync(runner.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UsageNoteList([.. list.Select(n => new UsageNoteView(n.Note, n.CreatedAt))]));
    }

    /// <summary>The error for a note, or null: required, length-capped, and never a credential.</summary>
    private static string? CheckNote(string? note)
    {
        var text = note?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "is required: a non-empty string.";
        }

        if (text.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }

        return CredentialDetector.Check(text) is { } reason ? $"{reason}; notes must not hold credentials." : null;
    }
}
