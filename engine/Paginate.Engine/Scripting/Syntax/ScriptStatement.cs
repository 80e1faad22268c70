namespace Paginate.Engine.Scripting.Syntax;

/// <summary>One statement; <see cref="Slot"/> is the variable slot of a declaration or assignment.</summary>
internal sealed record ScriptStatement(ScriptStatementKind Kind, int Slot, ScriptExpression Expression, int Line, int Column);
