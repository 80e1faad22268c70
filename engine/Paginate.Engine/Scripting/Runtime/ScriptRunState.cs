using System.Collections.Immutable;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// What a script run carries from one page to the next: variable values, the page count, the rate limit the
/// script set and the secrets a log line must never show. Immutable: running the script after a page returns
/// a new state (<see cref="ScriptOutcome.State"/>), so a run can never see another run's values and a failed
/// page leaves the previous state untouched.
/// </summary>
internal sealed record ScriptRunState
{
    /// <summary>Variable values by slot (<see cref="ScriptProgram.VariableNames"/>); all null at the start.</summary>
    public required ImmutableArray<ScriptValue> Variables { get; init; }

    /// <summary>Pages fetched so far, the current one included (<c>@pager.pageCount()</c>).</summary>
    public int PageCount { get; init; }

    /// <summary>Set by <c>@request.ratelimit.set</c>; null until the script calls it.</summary>
    public ScriptRateLimit? RateLimit { get; init; }

    /// <summary>Secret strings (forwarded header and placeholder values) that a log line must never show, longest first.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>The state before the first page of a run of <paramref name="program"/>.</summary>
    public static ScriptRunState Start(ScriptProgram program, IReadOnlyList<string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new ScriptRunState
        {
            Variables = ImmutableArray.Create(new ScriptValue[program.VariableNames.Count]),
            Secrets = secrets?.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray() ?? [],
        };
    }

    /// <summary>Hides everything: variables may hold secrets.</summary>
    public override string ToString() => $"ScriptRunState(page {PageCount})";
}
