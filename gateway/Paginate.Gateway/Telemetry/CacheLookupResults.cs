namespace Paginate.Gateway.Telemetry;

/// <summary>The <c>result</c> values of <c>paginate_cache_lookups_total</c>: the same words as <c>meta.cache</c> (CONTRACT 6.5).</summary>
public static class CacheLookupResults
{
    public const string Hit = "hit";
    public const string Miss = "miss";
    public const string Shared = "shared";

    /// <summary>Anything else becomes "other": a label value must never be free text.</summary>
    internal static string Label(string result) => result switch
    {
        Hit or Miss or Shared => result,
        _ => "other",
    };
}
