namespace Paginate.Bench.Harness;

/// <summary>One timed call: milliseconds, items received, and why it failed (null when it did not).</summary>
internal sealed record CallResult(double Ms, long Items, string? Error)
{
    public bool Ok => Error is null;

    public static CallResult Failed(string error) => new(double.NaN, 0, error);
}
