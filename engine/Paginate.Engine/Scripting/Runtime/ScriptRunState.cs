using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// The state of one run that outlives a page: variable values (they persist from page to page), the page
/// count and the rate-limit settings. Not shared between runs.
/// </summary>
internal sealed class ScriptRunState
{
    public ScriptRunState(ScriptProgram program, IReadOnlyList<string>? secrets = null)
    {
        Variables = new ScriptValue[program.VariableNames.Count];
        Secrets = secrets?.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray() ?? [];
    }

    public ScriptValue[] Variables { get; }

    /// <summary>Pages fetched so far, the current one included (<c>@pager.pageCount()</c>).</summary>
    public int PageCount { get; set; }

    public ScriptRateLimit? RateLimit { get; set; }

    /// <summary>Secret strings (forwarded header and placeholder values) that a log line must never show.</summary>
    public IReadOnlyList<string> Secrets { get; }
}
