namespace Hone.Pruners;

/// <summary>Small computations on intermediate values that several pruners share.</summary>
internal static class IntermediateValueMath
{
    /// <summary>Returns the best of <paramref name="values"/> in <paramref name="direction"/>, ignoring NaN; NaN
    /// when there is no other value.</summary>
    public static double NanBest(IEnumerable<double> values, StudyDirection direction)
    {
        double best = double.NaN;
        foreach (double v in values)
        {
            if (!double.IsNaN(v) && (double.IsNaN(best) || IsBetter(v, best, direction)))
            {
                best = v;
            }
        }

        return best;
    }

    /// <summary>Tells whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/>.
    /// </summary>
    public static bool IsBetter(double candidate, double incumbent, StudyDirection direction) =>
        direction == StudyDirection.Minimize ? candidate < incumbent : candidate > incumbent;

    /// <summary>Returns the <paramref name="percentile"/>-th percentile of the non-NaN values with linear
    /// interpolation between the two nearest ranks (numpy's default method); NaN when no value is left.</summary>
    /// <remarks>With n sorted values v₀ ≤ … ≤ vₙ₋₁ the position is h = (n − 1)·p / 100, and the result is
    /// v⌊h⌋ + (h − ⌊h⌋)·(v⌊h⌋₊₁ − v⌊h⌋).</remarks>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        double[] sorted = [.. values.Where(v => !double.IsNaN(v))];
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        double position = percentile / 100.0 * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        double fraction = position - lower;
        if (fraction == 0 || lower + 1 >= sorted.Length)
        {
            return sorted[lower];
        }

        double a = sorted[lower];
        double b = sorted[lower + 1];

        // Equal neighbours (infinities included) give that value; otherwise a + (b − a)·t could be ∞ − ∞.
        return a == b ? a : a + ((b - a) * fraction);
    }
}
