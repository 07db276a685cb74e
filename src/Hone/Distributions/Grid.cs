using System.Globalization;

namespace Hone.Distributions;

/// <summary>Holds the arithmetic of stepped ranges, shared by the float and int distributions.</summary>
internal static class Grid
{
    /// <summary>Returns the largest <c>low + k·step</c> not above <paramref name="high"/>.</summary>
    /// <remarks>Decimal arithmetic on the shortest round-trip strings keeps steps such as 0.001 exact, so that a
    /// range that the step divides in decimal is not narrowed by binary rounding.</remarks>
    public static double NarrowHigh(double low, double high, double step)
    {
        // Fast path, taken by most calls: the step divides the range up to rounding noise.
        double ratio = (high - low) / step;
        if (Math.Abs(ratio - Math.Round(ratio)) <= 1e-10 * Math.Max(1, ratio))
        {
            return high;
        }

        if (TryDecimal(low, out decimal l) && TryDecimal(high, out decimal h) && TryDecimal(step, out decimal s))
        {
            decimal k = decimal.Floor((h - l) / s);
            decimal top = l + (k * s);
            // The decimal grid point can land a rounding error outside [low, high] once converted back; only
            // low itself is admissible when k is 0, whatever the digits.
            return top >= h ? high : k == 0 ? low : Math.Clamp(ToDouble(top), low, high);
        }

        double kd = Math.Floor(((high - low) / step) + 1e-9);
        return kd == 0 ? low : Math.Clamp(low + (kd * step), low, high);
    }

    public static long NarrowHigh(long low, long high, long step)
    {
        Int128 k = ((Int128)high - low) / step;
        return (long)(low + (k * step));
    }

    // The explicit decimal-to-double conversion is not correctly rounded; parsing the exact text is.
    private static double ToDouble(decimal value) =>
        double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static bool TryDecimal(double value, out decimal result)
    {
        // decimal keeps 28 significant digits in a range of about ±7.9e28 down to 1e-28; outside it fall back.
        if (Math.Abs(value) is > 1e20 or (< 1e-20 and > 0))
        {
            result = 0;
            return false;
        }

        return decimal.TryParse(
            value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture,
            out result);
    }
}
