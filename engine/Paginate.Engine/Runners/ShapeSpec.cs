namespace Paginate.Engine.Runners;

/// <summary>How each item is written to the answer.</summary>
public sealed record ShapeSpec
{
    /// <summary><c>full</c> (default), <c>flatten_jsonapi</c> or <c>select</c>.</summary>
    public string Mode { get; init; } = ShapeModes.Full;

    /// <summary>For <c>select</c>: <c>output_name:path.to.value</c> lines. Required for select, rejected otherwise.</summary>
    public IReadOnlyList<string>? Fields { get; init; }
}

/// <summary>The shape mode names.</summary>
public static class ShapeModes
{
    public const string Full = "full";
    public const string FlattenJsonApi = "flatten_jsonapi";
    public const string Select = "select";

    public static readonly IReadOnlyList<string> All = [Full, FlattenJsonApi, Select];
}
