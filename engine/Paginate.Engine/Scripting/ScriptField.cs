namespace Paginate.Engine.Scripting;

/// <summary>A request header or query parameter. <see cref="Secret"/>: forwarded (or built from a forwarded value).</summary>
internal readonly record struct ScriptField(string Name, string Value, bool Secret)
{
    /// <summary>Hides the value: it may be a secret.</summary>
    public override string ToString() => $"{Name}: ***";
}
