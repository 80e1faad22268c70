namespace Paginate.Engine.Scripting.Syntax;

/// <summary>An operation's name as written after <c>@</c>, its id, and how many arguments it takes.</summary>
internal sealed record ScriptOperationInfo(string Name, ScriptOperation Operation, int MinArguments, int MaxArguments);
