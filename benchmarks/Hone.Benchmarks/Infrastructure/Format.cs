using System.Globalization;

namespace Hone.Benchmarks.Infrastructure;

/// <summary>Formats figures the same way in the console and in docs/benchmarks.md.</summary>
internal static class Format
{
    /// <summary>Formats a duration in milliseconds with three significant digits and no exponent.</summary>
    public static string Ms(double milliseconds)
    {
        if (!(milliseconds > 0) || double.IsInfinity(milliseconds))
        {
            return milliseconds.ToString("G3", CultureInfo.InvariantCulture);
        }

        int decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(milliseconds)), 0, 9);
        return milliseconds.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture);
    }

    /// <summary>Formats how many times faster one side is: <c>85.3×</c>.</summary>
    public static string Ratio(double ratio) =>
        ratio.ToString(ratio >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture) + "×";

    /// <summary>Formats a byte count in kibibytes.</summary>
    public static string KiB(double bytes) =>
        (bytes / 1024).ToString("F2", CultureInfo.InvariantCulture) + " KiB";

    /// <summary>Formats a byte count in mebibytes.</summary>
    public static string MiB(double bytes) =>
        (bytes / (1024 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>Formats a share as a whole percentage: <c>42%</c>.</summary>
    public static string Percent(double share) =>
        (share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Formats an integer with thousands separators: <c>10,000</c>.</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
