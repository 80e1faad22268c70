namespace Paginate.Engine.Scripting.Syntax;

/// <summary>Raised by the lexer and parser; <see cref="ScriptProgram.TryParse"/> turns it into a <see cref="ScriptError"/>.</summary>
internal sealed class ScriptSyntaxException(string message, int line, int column) : Exception(message)
{
    public ScriptError Error { get; } = new(message, line, column);
}
