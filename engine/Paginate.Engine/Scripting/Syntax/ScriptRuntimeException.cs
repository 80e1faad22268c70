namespace Paginate.Engine.Scripting.Syntax;

/// <summary>Raised while a script runs; the run ends with <c>script_error</c> and this position.</summary>
internal sealed class ScriptRuntimeException(string message, int line, int column) : Exception(message)
{
    public ScriptError Error { get; } = new(message, line, column);
}
