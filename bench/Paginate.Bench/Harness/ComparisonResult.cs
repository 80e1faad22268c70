namespace Paginate.Bench.Harness;

/// <summary>The samples of a <see cref="Comparison"/>: one per mode and repetition (NaN when every call failed), plus errors.</summary>
internal sealed class ComparisonResult(string title, IReadOnlyList<string> modes, int repetitions)
{
    private readonly Dictionary<string, double[]> _samples = modes.ToDictionary(m => m, _ => Enumerable.Repeat(double.NaN, repetitions).ToArray());
    private readonly Dictionary<string, List<string>> _errors = modes.ToDictionary(m => m, _ => new List<string>());

    public string Title { get; } = title;

    public IReadOnlyList<string> Modes { get; } = modes;

    public void Set(string mode, int rep, double ms) => _samples[mode][rep] = ms;

    public double Sample(string mode, int rep) => _samples[mode][rep];

    public void AddError(string mode, string error) => _errors[mode].Add(error);

    public IReadOnlyList<string> Errors(string mode) => _errors[mode];

    public int ErrorCount => _errors.Values.Sum(e => e.Count);

    /// <summary>The good samples of a mode.</summary>
    public IReadOnlyList<double> Samples(string mode) => _samples[mode].Where(double.IsFinite).ToArray();

    /// <summary><paramref name="mode"/> over <paramref name="baseline"/>, per repetition where both have a sample.</summary>
    public IReadOnlyList<double> Ratios(string mode, string baseline) =>
        _samples[mode].Zip(_samples[baseline], (a, b) => a / b).Where(double.IsFinite).ToArray();

    /// <summary>(<paramref name="mode"/> − <paramref name="baseline"/>) / <paramref name="divisor"/>, per repetition.</summary>
    public IReadOnlyList<double> Differences(string mode, string baseline, double divisor) =>
        _samples[mode].Zip(_samples[baseline], (a, b) => (a - b) / divisor).Where(double.IsFinite).ToArray();

    public object ToRaw() => new { title = Title, samples_ms = _samples, errors = _errors };
}
