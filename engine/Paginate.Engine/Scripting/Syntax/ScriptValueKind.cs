namespace Paginate.Engine.Scripting.Syntax;

/// <summary>The value types of the language: null (a missing value), boolean, number, string, array.</summary>
internal enum ScriptValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
}
