using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>What one run of the script after a page decided.</summary>
internal sealed record ScriptOutcome
{
    /// <summary><c>@pager.stop</c> was given true: fetch no next page.</summary>
    public bool Stop { get; init; }

    /// <summary>The <c>@log</c> lines of this page, secrets masked.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>The run's state after this page (the state it started with when the script failed).</summary>
    public required ScriptRunState State { get; init; }

    /// <summary>A run-time error (the run ends with <c>script_error</c>); null on success.</summary>
    public ScriptError? Error { get; init; }
}
