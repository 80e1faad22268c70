namespace Paginate.Engine.Scripting.Syntax;

/// <summary>One token: its kind, its text (the decoded value for strings) and its 1-based position.</summary>
internal readonly record struct ScriptToken(ScriptTokenKind Kind, string Text, double Number, int Line, int Column);
