using System.Globalization;
using Paginate.Bench.Harness;

namespace Paginate.Bench.Reporting;

/// <summary>Number formats of the report: invariant culture, units always written.</summary>
internal static class Fmt
{
    public static string Num(double value, string format = "0.0") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string Ms(double value) => Num(value, value >= 100 ? "0" : "0.0") + " ms";

    /// <summary><c>median (min–max)</c> of the values.</summary>
    public static string MedianRange(IReadOnlyCollection<double> values, Func<double, string> format) =>
        values.Count == 0 ? "n/a" : $"{format(Stats.Median(values))} ({format(Stats.Min(values))}–{format(Stats.Max(values))})";

    public static string Ratio(double value) => Num(value, "0.00") + "×";

    public static string Mb(double kb) => Num(kb / 1024, "0.0") + " MiB";

    public static string Int(double value) => Num(value, "#,0");
}
