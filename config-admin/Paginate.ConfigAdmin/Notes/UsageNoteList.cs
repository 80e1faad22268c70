namespace Paginate.ConfigAdmin.Notes;

/// <summary>The body of <c>GET /api/runners/{id}/usage-notes</c>, oldest first.</summary>
internal sealed record UsageNoteList(IReadOnlyList<UsageNoteView> Notes);
