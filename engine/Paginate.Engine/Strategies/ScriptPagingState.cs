using Paginate.Engine.Contracts;
using Paginate.Engine.Scripting.Runtime;

namespace Paginate.Engine.Strategies;

/// <summary>
/// A <c>script</c> run's part of <see cref="PagingState"/>: the script's own state plus the request it built
/// last, kept so secret marks and untouched encodings survive to the next page. Immutable; the stored request
/// is cloned before the script changes it.
/// </summary>
internal sealed record ScriptPagingState
{
    /// <summary>Variables, page count, rate limit and secrets of the run.</summary>
    public required ScriptRunState Run { get; init; }

    /// <summary>The request the script built last; null before the first page.</summary>
    public ScriptRequest? LastRequest { get; init; }

    /// <summary>The page request built from <see cref="LastRequest"/> (compared by reference).</summary>
    public PageRequest? LastPageRequest { get; init; }

    /// <summary>Hides everything: variables may hold secrets.</summary>
    public override string ToString() => Run.ToString();
}
