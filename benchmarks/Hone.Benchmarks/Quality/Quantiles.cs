namespace Hone.Benchmarks.Quality;

/// <summary>Holds the median and quartiles of a sample.</summary>
/// <param name="Q1">The first quartile.</param>
/// <param name="Median">The median.</param>
/// <param name="Q3">The third quartile.</param>
internal readonly record struct Quantiles(double Q1, double Median, double Q3)
{
    /// <summary>Computes the quartiles by linear interpolation between order statistics (NumPy's default, type 7
    /// of Hyndman and Fan).</summary>
    public static Quantiles Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("Quantiles need at least one value, but got none.", nameof(values));
        }

        return new Quantiles(At(sorted, 0.25), At(sorted, 0.5), At(sorted, 0.75));
    }

    private static double At(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
