namespace Hone.Benchmarks.Infrastructure;

/// <summary>Summarizes repeated measurements.</summary>
internal static class Statistics
{
    /// <summary>Returns the median; the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median needs at least one value, but got none.", nameof(values));
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
