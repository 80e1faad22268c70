namespace Paginate.Engine.Scripting.Syntax;

/// <summary><c>var x = e;</c>, <c>x = e;</c> or an operation call <c>@op(...);</c>.</summary>
internal enum ScriptStatementKind
{
    Declare,
    Assign,
    Operation,
}
