namespace Paginate.Engine.Scripting;

/// <summary>The sandbox's bounds. Exceeding one while parsing is a syntax error, while running a run-time error.</summary>
internal sealed record ScriptLimits
{
    public static readonly ScriptLimits Default = new();

    /// <summary>Longest script source accepted (default 64 KiB).</summary>
    public int MaxSourceLength { get; init; } = 64 * 1024;

    /// <summary>Evaluation steps per page (one per node evaluated; default 10,000).</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>Longest string a script may build or read (default 64 Ki characters).</summary>
    public int MaxStringLength { get; init; } = 64 * 1024;

    /// <summary>Most items in an array (default 1,000).</summary>
    public int MaxArrayLength { get; init; } = 1_000;

    /// <summary>Deepest nesting of expressions the parser accepts (default 64).</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Most variables a script may declare (default 256).</summary>
    public int MaxVariables { get; init; } = 256;

    /// <summary>
    /// Most characters a run keeps from one page to the next: every variable value plus the next request's URI,
    /// query, headers and body (default 1 Mi characters). Each value is already capped per page; this bounds
    /// what piles up over many pages (a parameter or body key added on every page).
    /// </summary>
    public int MaxStateLength { get; init; } = 1024 * 1024;

    /// <summary>Most <c>@log</c> lines kept per page (default 100); each is cut at <see cref="MaxLogLineLength"/>.</summary>
    public int MaxLogLines { get; init; } = 100;

    /// <summary>Longest <c>@log</c> line kept (default 1,000 characters).</summary>
    public int MaxLogLineLength { get; init; } = 1_000;
}
