namespace Paginate.Engine.Scripting;

/// <summary>
/// One run of a script runner, carried by the page loop in <c>PagingState.Extension</c> from page to page.
/// After each call of the strategy's <c>Next</c> the loop reads:
/// <list type="bullet">
/// <item><see cref="Logs"/>: the page's <c>@log</c> lines (secrets masked) for <c>PageTrace.Logs</c> of a dry run; never for an ILogger.</item>
/// <item><see cref="Error"/>: when set, the run ends with <c>error_code: script_error</c> and <c>Error.ToString()</c>
/// ("line 3, column 5: ...") as the detail; items gathered so far are kept (<c>partial: true</c>).</item>
/// <item><see cref="RateLimit"/>: when set, how the next requests treat throttled answers.</item>
/// </list>
/// </summary>
internal sealed class ScriptRun
{
    public ScriptRun(ScriptProgram program, IReadOnlyList<string> secrets)
    {
        State = new ScriptRunState(program, secrets);
    }

    /// <summary>Variables, page count and rate limit: what persists from page to page.</summary>
    public ScriptRunState State { get; }

    /// <summary>The <c>@log</c> lines of the last page the script ran after.</summary>
    public IReadOnlyList<string> Logs { get; set; } = [];

    /// <summary>The run-time error of the last page, if the script failed.</summary>
    public ScriptError? Error { get; set; }

    /// <summary>Set by <c>@request.ratelimit.set</c>; null until the script calls it.</summary>
    public ScriptRateLimit? RateLimit => State.RateLimit;

    /// <summary>The request the script built last, kept so secret marks and encodings survive to the next page.</summary>
    internal ScriptRequest? LastRequest { get; set; }

    /// <summary>Identity of the page request built from <see cref="LastRequest"/>.</summary>
    internal string? LastIdentity { get; set; }

    /// <summary>Hides everything: variables may hold secrets.</summary>
    public override string ToString() => $"ScriptRun(page {State.PageCount})";
}
