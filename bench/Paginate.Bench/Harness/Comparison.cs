namespace Paginate.Bench.Harness;

/// <summary>
/// Runs several modes over the same pages, interleaved: each repetition runs every mode once, in a
/// rotated order, so machine noise lands on all modes alike; ratios are taken within a repetition.
/// One sample is the median of <see cref="CallsPerSample"/> back-to-back calls.
/// </summary>
internal sealed class Comparison
{
    public required string Title { get; init; }

    public required IReadOnlyList<Mode> Modes { get; init; }

    public required int Repetitions { get; init; }

    public int CallsPerSample { get; init; } = 1;

    public int WarmupCalls { get; init; } = 1;

    public async Task<ComparisonResult> RunAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var result = new ComparisonResult(Title, Modes.Select(m => m.Name).ToArray(), Repetitions);
        foreach (var mode in Modes)
        {
            for (var i = 0; i < WarmupCalls; i++)
            {
                var warm = await mode.CallAsync(cancellationToken).ConfigureAwait(false);
                if (!warm.Ok)
                {
                    result.AddError(mode.Name, "warm-up: " + warm.Error);
                }
            }
        }

        for (var rep = 0; rep < Repetitions; rep++)
        {
            for (var k = 0; k < Modes.Count; k++)
            {
                var mode = Modes[(k + rep) % Modes.Count];
                var times = new List<double>(CallsPerSample);
                for (var c = 0; c < CallsPerSample; c++)
                {
                    var call = await mode.CallAsync(cancellationToken).ConfigureAwait(false);
                    if (call.Ok)
                    {
                        times.Add(call.Ms);
                    }
                    else
                    {
                        result.AddError(mode.Name, call.Error!);
                    }
                }

                result.Set(mode.Name, rep, times.Count == 0 ? double.NaN : Stats.Median(times));
            }

            log($"  {Title}: repetition {rep + 1}/{Repetitions}: " + string.Join(", ", Modes.Select(m => $"{m.Name} {result.Sample(m.Name, rep):0.0} ms")));
        }

        return result;
    }
}
