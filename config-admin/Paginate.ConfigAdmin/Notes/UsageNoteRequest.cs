namespace Paginate.ConfigAdmin.Notes;

/// <summary>The body of <c>POST /api/runners/{id}/usage-notes</c> (documentation only).</summary>
internal sealed record UsageNoteRequest(string Note);
