using System.Globalization;

namespace Hone.Internal;

/// <summary>Checks arguments and options, with messages that name the setting, the rule and the value.
/// </summary>
internal static class Guard
{
    /// <summary>Throws when <paramref name="value"/> is below <paramref name="minimum"/>.</summary>
    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(
                name, value, string.Create(CultureInfo.InvariantCulture,
                    $"'{name}' must be at least {minimum}, but got {value}."));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="low"/>, <paramref name="high"/>]
    /// (NaN never does).</summary>
    public static void InRange(double value, double low, double high, string name)
    {
        if (!(value >= low && value <= high))
        {
            throw new ArgumentOutOfRangeException(
                name, value, string.Create(CultureInfo.InvariantCulture,
                    $"'{name}' must be between {low} and {high} inclusive, but got {value}."));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number, 0 or more.</summary>
    public static void FiniteAtLeastZero(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                name, value, string.Create(CultureInfo.InvariantCulture,
                    $"'{name}' must be a finite number >= 0, but got {value}."));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number above 0.</summary>
    public static void FinitePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                name, value, string.Create(CultureInfo.InvariantCulture,
                    $"'{name}' must be a finite number > 0, but got {value}."));
        }
    }
}
