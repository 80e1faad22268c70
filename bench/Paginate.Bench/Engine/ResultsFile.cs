namespace Paginate.Bench.Engine;

/// <summary>
/// Keeps bench/RESULTS.md: each benchmark family owns one section between its own markers, so families
/// can be re-run independently without touching the others.
/// </summary>
internal static class ResultsFile
{
    public static void WriteEngineSection(string markdown) => WriteSection("engine", markdown);

    public static void WriteSection(string name, string markdown)
    {
        var path = Locate();
        var start = $"<!-- {name}:start -->";
        var end = $"<!-- {name}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmark results\n";
        var block = $"{start}\n{markdown.Trim()}\n{end}";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? string.Concat(text.AsSpan(0, from), block, text.AsSpan(to + end.Length))
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }

    /// <summary>bench/RESULTS.md of the repository the benchmark runs in (found from the working directory up).</summary>
    private static string Locate()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paginate.sln")))
            {
                return Path.Combine(dir.FullName, "bench", "RESULTS.md");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "RESULTS.md");
    }
}
