using MathNet.Numerics;

namespace Hone.Pruners;

/// <summary>Computes one-sided p-values of the Wilcoxon signed-rank test for paired differences.</summary>
/// <remarks>
/// <para>
/// The absolute differences are ranked from 1, ties sharing their average rank. Zero differences stay in the sample
/// and split their rank half to the positive side and half to the negative side (Pratt's "zsplit" treatment, the one
/// Optuna asks SciPy for), so a sample of equal values is no evidence either way. The statistic is
/// T⁺ = Σ ranks of positive differences + ½ Σ ranks of zero differences.
/// </para>
/// <para>
/// Up to <see cref="ExactLimit"/> differences the p-value is exact: under the null hypothesis every non-zero
/// difference is positive or negative with probability ½ independently, so the distribution of T⁺ given the ranks is
/// counted over all 2^m sign patterns by dynamic programming over doubled ranks (average ranks are multiples of ½).
/// Without ties or zeros this is the classical exact distribution; with them it is the exact permutation
/// distribution. Beyond the limit the normal approximation is used: mean n(n + 1)/4, variance
/// [n(n + 1)(2n + 1) − ½ Σ(t³ − t)]/24 over the tie groups of size t (zeros included), no continuity correction.
/// </para>
/// </remarks>
internal static class WilcoxonSignedRankTest
{
    /// <summary>The largest sample whose p-value is computed exactly; SciPy switches to the normal approximation
    /// beyond the same size.</summary>
    public const int ExactLimit = 50;

    /// <summary>Returns the p-value of the hypothesis that the differences tend to be positive
    /// (<paramref name="greater"/>) or negative.</summary>
    /// <param name="differences">The paired differences; finite numbers, at least one.</param>
    /// <param name="greater"><see langword="true"/> for P(T⁺ ≥ observed), <see langword="false"/> for
    /// P(T⁺ ≤ observed).</param>
    public static double PValue(IReadOnlyList<double> differences, bool greater)
    {
        int n = differences.Count;
        int[] doubledRanks = DoubledRanks(differences, out double tieTerm);

        // 2·T⁺: positives count their doubled rank, zeros half of it.
        long observed = 0;
        long zeroPart = 0;
        for (int i = 0; i < n; i++)
        {
            if (differences[i] > 0)
            {
                observed += doubledRanks[i];
            }
            else if (differences[i] == 0)
            {
                zeroPart += doubledRanks[i];
            }
        }

        // The zeros form one tie group at the lowest ranks, so their doubled ranks sum to an even number.
        zeroPart /= 2;
        observed += zeroPart;
        return n <= ExactLimit
            ? ExactPValue(differences, doubledRanks, observed - zeroPart, greater)
            : NormalPValue(n, observed / 2.0, tieTerm, greater);
    }

    /// <summary>Returns twice the average rank of each |difference|, and Σ(t³ − t) over the tie groups.</summary>
    private static int[] DoubledRanks(IReadOnlyList<double> differences, out double tieTerm)
    {
        int n = differences.Count;
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => Math.Abs(differences[i]))];
        int[] doubled = new int[n];
        tieTerm = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && Math.Abs(differences[order[end + 1]]) == Math.Abs(differences[order[start]]))
            {
                end++;
            }

            // Positions start..end hold ranks start + 1 .. end + 1, whose average doubled is start + end + 2.
            for (int k = start; k <= end; k++)
            {
                doubled[order[k]] = start + end + 2;
            }

            double t = end - start + 1;
            tieTerm += (t * t * t) - t;
            start = end + 1;
        }

        return doubled;
    }

    /// <summary>Counts the sign patterns of the non-zero differences whose doubled positive-rank sum is at least
    /// (or at most) the observed one.</summary>
    private static double ExactPValue(
        IReadOnlyList<double> differences, int[] doubledRanks, long observedNonZero, bool greater)
    {
        int total = 0;
        var nonZero = new List<int>();
        for (int i = 0; i < differences.Count; i++)
        {
            if (differences[i] != 0)
            {
                nonZero.Add(doubledRanks[i]);
                total += doubledRanks[i];
            }
        }

        // ways[s] = number of subsets of the non-zero ranks (the ones that are positive) with doubled sum s;
        // at most 2^50 in all, exact in a long.
        long[] ways = new long[total + 1];
        ways[0] = 1;
        int reach = 0;
        foreach (int rank in nonZero)
        {
            for (int s = reach; s >= 0; s--)
            {
                ways[s + rank] += ways[s];
            }

            reach += rank;
        }

        long hits = 0;
        for (int s = 0; s <= total; s++)
        {
            if (greater ? s >= observedNonZero : s <= observedNonZero)
            {
                hits += ways[s];
            }
        }

        return hits / Math.Pow(2, nonZero.Count);
    }

    private static double NormalPValue(int n, double statistic, double tieTerm, bool greater)
    {
        double mean = n * (n + 1) / 4.0;
        double variance = ((n * (n + 1.0) * ((2.0 * n) + 1)) - (tieTerm / 2)) / 24;
        double z = (statistic - mean) / Math.Sqrt(variance);

        // Upper tail P(Z ≥ z) = erfc(z/√2)/2, exact in the far tail where 1 − Φ(z) would round to 0.
        return 0.5 * SpecialFunctions.Erfc((greater ? z : -z) / Math.Sqrt(2));
    }
}
