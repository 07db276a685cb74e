using MathNet.Numerics;

namespace Hone.Benchmarks.Quality;

/// <summary>Holds the outcome of a two-sided Wilcoxon–Mann–Whitney rank-sum test of two samples.</summary>
/// <param name="U">The Mann–Whitney U of the first sample: the number of pairs in which it is the larger, ties
/// counting one half. Below <c>n1·n2/2</c> the first sample tends to be smaller.</param>
/// <param name="P">The two-sided p-value.</param>
/// <param name="Exact">Whether <paramref name="P"/> is exact (no ties) or from the normal approximation.</param>
/// <param name="MeanU">The U expected when both samples come from the same distribution, <c>n1·n2/2</c>.</param>
internal sealed record RankSumResult(double U, double P, bool Exact, double MeanU)
{
    /// <summary>Gets whether the first sample tends to be smaller (better, when minimizing).</summary>
    public bool FirstSmaller => U < MeanU;
}

/// <summary>Computes the Wilcoxon–Mann–Whitney rank-sum test.</summary>
/// <remarks>Without ties and for samples of up to <see cref="ExactLimit"/> values together, the p-value is exact:
/// the null distribution of U is counted by the usual recurrence. Otherwise it comes from the normal approximation
/// with the tie correction of the variance and a continuity correction of one half, as in SciPy's
/// <c>mannwhitneyu(..., method="asymptotic")</c>.</remarks>
internal static class RankSum
{
    /// <summary>The largest total sample size for which the exact distribution is computed.</summary>
    public const int ExactLimit = 100;

    /// <summary>Tests whether two samples come from the same distribution against a shift either way.</summary>
    public static RankSumResult Test(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        int m = first.Count;
        int n = second.Count;
        if (m == 0 || n == 0)
        {
            throw new ArgumentException("The rank-sum test needs at least one value in each sample.");
        }

        var pooled = first.Select(v => (Value: v, First: true)).Concat(second.Select(v => (Value: v, First: false)))
            .OrderBy(p => p.Value).ToArray();
        double rankSum = 0;
        double tieTerm = 0;
        for (int start = 0; start < pooled.Length;)
        {
            int end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value == pooled[start].Value)
            {
                end++;
            }

            // Ranks are 1-based; tied values share the mean of their ranks.
            double rank = ((start + 1) + (end + 1)) / 2.0;
            for (int i = start; i <= end; i++)
            {
                if (pooled[i].First)
                {
                    rankSum += rank;
                }
            }

            double t = end - start + 1;
            tieTerm += (t * t * t) - t;
            start = end + 1;
        }

        double u = rankSum - (m * (m + 1) / 2.0);
        double mean = m * n / 2.0;
        if (tieTerm == 0 && m + n <= ExactLimit)
        {
            return new RankSumResult(u, ExactP(m, n, (int)Math.Round(u)), true, mean);
        }

        double total = m + n;
        double variance = m * n / 12.0 * ((total + 1) - (tieTerm / (total * (total - 1))));
        if (!(variance > 0))
        {
            // Every value is the same: no evidence of a difference.
            return new RankSumResult(u, 1, false, mean);
        }

        double z = Math.Max(0, Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return new RankSumResult(u, Math.Min(1, SpecialFunctions.Erfc(z / Math.Sqrt(2))), false, mean);
    }

    /// <summary>Returns the exact two-sided p-value of U = <paramref name="u"/> for samples of m and n values
    /// without ties: twice the smaller tail, at most 1.</summary>
    private static double ExactP(int m, int n, int u)
    {
        // counts[i][j][k]: arrangements of i first-sample and j second-sample values with U = k; kept as
        // frequencies (divided by the number of arrangements at the end) in doubles, exact up to 2^53.
        int max = m * n;
        var previous = new double[n + 1][];
        for (int j = 0; j <= n; j++)
        {
            previous[j] = new double[max + 1];
            previous[j][0] = 1;
        }

        for (int i = 1; i <= m; i++)
        {
            var current = new double[n + 1][];
            current[0] = new double[max + 1];
            current[0][0] = 1;
            for (int j = 1; j <= n; j++)
            {
                // The largest value belongs to the first sample (it beats all j others) or to the second.
                var row = new double[max + 1];
                for (int k = 0; k <= i * j; k++)
                {
                    row[k] = (k >= j ? previous[j][k - j] : 0) + current[j - 1][k];
                }

                current[j] = row;
            }

            previous = current;
        }

        double[] frequencies = previous[n];
        double all = frequencies.Sum();
        double lower = frequencies.Take(u + 1).Sum() / all;
        double upper = frequencies.Skip(u).Sum() / all;
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }
}
