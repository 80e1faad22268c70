namespace Paginate.Engine.Http;

/// <summary>One link of a <c>Link</c> header: its target as written and its relation types.</summary>
/// <param name="Target">The URI reference between <c>&lt;</c> and <c>&gt;</c>, trimmed; absolute or relative.</param>
/// <param name="Rels">The values of the link's first <c>rel</c> parameter, split at whitespace.</param>
internal sealed record LinkValue(string Target, IReadOnlyList<string> Rels);
