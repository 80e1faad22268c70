using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// A request header or query parameter. <see cref="Secret"/>: forwarded, from the configured request (it may
/// hold a placeholder value), or built from such a value. <see cref="Raw"/>: a query parameter exactly as the
/// URL held it, reused unchanged so that a parameter the script never touched keeps its encoding.
/// </summary>
internal readonly record struct ScriptField(string Name, string Value, bool Secret, string? Raw = null)
{
    /// <summary>Hides the value: it may be a secret.</summary>
    public override string ToString() => $"{Name}: ***";
}
