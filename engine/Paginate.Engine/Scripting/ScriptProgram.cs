using System.Diagnostics.CodeAnalysis;

namespace Paginate.Engine.Scripting;

/// <summary>A parsed paging script (seed 003), ready to run after each page. Immutable.</summary>
public sealed class ScriptProgram
{
    private ScriptProgram()
    {
    }

    /// <summary>Parses a script; on failure <paramref name="error"/> names line and column.</summary>
    public static bool TryParse(string source, [NotNullWhen(true)] out ScriptProgram? program, [NotNullWhen(false)] out ScriptError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        throw new NotImplementedException("engine: scripting");
    }
}

/// <summary>A syntax or run-time error of a script, with its 1-based position.</summary>
public sealed record ScriptError(string Message, int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
