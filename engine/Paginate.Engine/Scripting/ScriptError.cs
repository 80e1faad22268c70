namespace Paginate.Engine.Scripting;

/// <summary>A syntax or run-time error of a script, with its 1-based position.</summary>
/// <remarks>Messages name types, operations and variables, never a value: values may be secrets.</remarks>
public sealed record ScriptError(string Message, int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
