namespace Paginate.Engine.Runners;

/// <summary>Where each page's items are.</summary>
public sealed record ResponseSpec
{
    /// <summary>
    /// Path to the items array (dot notation or JSON Pointer). <c>""</c> or null: the body itself is the array.
    /// </summary>
    public string? ItemsPath { get; init; }
}
