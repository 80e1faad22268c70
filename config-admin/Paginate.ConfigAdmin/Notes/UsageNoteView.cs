namespace Paginate.ConfigAdmin.Notes;

/// <summary>One usage note as the API shows it.</summary>
internal sealed record UsageNoteView(string Note, DateTimeOffset CreatedAt);
