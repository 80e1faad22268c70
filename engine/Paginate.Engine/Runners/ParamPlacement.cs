namespace Paginate.Engine.Runners;

/// <summary>
/// Where a pagination parameter goes on the next request: <c>query</c>, <c>header</c>, or <c>body</c>
/// (then <see cref="Name"/> is a JSON Pointer into the request body, e.g. <c>/variables/after</c>).
/// </summary>
public sealed record ParamPlacement
{
    /// <summary><c>query</c> (default), <c>header</c> or <c>body</c>.</summary>
    public string In { get; init; } = ParamLocations.Query;

    /// <summary>Parameter name, header name, or JSON Pointer for <c>body</c>.</summary>
    public string? Name { get; init; }

    public static ParamPlacement Query(string name) => new() { In = ParamLocations.Query, Name = name };
}

/// <summary>The values of <see cref="ParamPlacement.In"/>.</summary>
public static class ParamLocations
{
    public const string Query = "query";
    public const string Header = "header";
    public const string Body = "body";

    public static readonly IReadOnlyList<string> All = [Query, Header, Body];
}
