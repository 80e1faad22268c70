using System.Globalization;

namespace Paginate.Engine.Scripting.Syntax;

/// <summary>
/// Ordering of two strings that both hold numbers (seed 003: "10" &gt; "9"). APIs send page numbers and totals as
/// text, and ids too large for a double stay text in a script, so whole numbers compare digit by digit (exact
/// at any length); other numbers compare as doubles.
/// </summary>
internal static class ScriptNumericText
{
    /// <summary>False when either text is not a number; then the caller compares the texts themselves.</summary>
    public static bool TryCompare(string left, string right, out int order)
    {
        if (TryWhole(left, out bool leftNegative, out var leftDigits) && TryWhole(right, out bool rightNegative, out var rightDigits))
        {
            order = CompareWhole(leftNegative, leftDigits, rightNegative, rightDigits);
            return true;
        }

        if (TryNumber(left, out double a) && TryNumber(right, out double b))
        {
            order = a.CompareTo(b);
            return true;
        }

        order = 0;
        return false;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private static bool TryWhole(string text, out bool negative, out string digits)
    {
        negative = text.StartsWith('-');
        var span = negative || text.StartsWith('+') ? text.AsSpan(1) : text.AsSpan();
        digits = string.Empty;
        if (span.IsEmpty || span.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        span = span.TrimStart('0');
        digits = span.IsEmpty ? "0" : span.ToString();
        negative &= digits != "0";
        return true;
    }

    private static int CompareWhole(bool leftNegative, string left, bool rightNegative, string right)
    {
        if (leftNegative != rightNegative)
        {
            return leftNegative ? -1 : 1;
        }

        int magnitude = left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);
        return leftNegative ? -magnitude : magnitude;
    }
}
