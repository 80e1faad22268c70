using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// One run of a script runner, carried by the page loop in <c>PagingState.Extension</c> from page to page:
/// the variables, page count and rate limit, plus the strategy's own copy of the last request it built.
/// </summary>
internal sealed class ScriptRun
{
    public ScriptRun(ScriptProgram program, IReadOnlyList<string> secrets)
    {
        State = new ScriptRunState(program, secrets);
    }

    /// <summary>Variables, page count and rate limit: what persists from page to page.</summary>
    public ScriptRunState State { get; }

    /// <summary>Set by <c>@request.ratelimit.set</c>; null until the script calls it.</summary>
    public ScriptRateLimit? RateLimit => State.RateLimit;

    /// <summary>The request the script built last, kept so secret marks and encodings survive to the next page.</summary>
    internal ScriptRequest? LastRequest { get; set; }

    /// <summary>The page request built from <see cref="LastRequest"/> (compared by reference).</summary>
    internal object? LastPageRequest { get; set; }

    /// <summary>Hides everything: variables may hold secrets.</summary>
    public override string ToString() => $"ScriptRun(page {State.PageCount})";
}
