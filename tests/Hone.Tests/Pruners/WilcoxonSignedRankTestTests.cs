using Hone.Pruners;

namespace Hone.Tests.Pruners;

public sealed class WilcoxonSignedRankTestTests
{
    [Fact]
    public void PValue_SmallSampleWithoutTies_IsTheExactTail()
    {
        // |d| = 1.5, 2, 0.5, 3, 4 rank 2, 3, 1, 4, 5; the positives give T⁺ = 2 + 3 + 4 + 5 = 14. Of the 2⁵ = 32 sign
        // patterns, T⁺ ≥ 14 holds for {2,3,4,5} (14) and {1,2,3,4,5} (15): p = 2/32 = 0.0625. T⁺ ≤ 14 fails only for
        // 15: p = 31/32.
        double[] d = [1.5, 2.0, -0.5, 3.0, 4.0];

        Assert.Equal(0.0625, WilcoxonSignedRankTest.PValue(d, greater: true), 15);
        Assert.Equal(31.0 / 32, WilcoxonSignedRankTest.PValue(d, greater: false), 15);
    }

    [Fact]
    public void PValue_AllPositive_IsOneOverTwoToTheN()
    {
        // Ten positive differences: only the all-positive pattern reaches T⁺ = 55, p = 1/1024.
        double[] d = [.. Enumerable.Range(1, 10).Select(i => (double)i)];

        Assert.Equal(1.0 / 1024, WilcoxonSignedRankTest.PValue(d, greater: true), 15);
        Assert.Equal(1.0, WilcoxonSignedRankTest.PValue(d, greater: false), 15);
    }

    [Fact]
    public void PValue_TiedMagnitudes_UseAverageRanksAndTheExactPermutationDistribution()
    {
        // |d| = 1, 1, 2, 3 rank 1.5, 1.5, 3, 4 (doubled: 3, 3, 6, 8); T⁺ = 1.5 + 1.5 + 4 = 7 (doubled 14). Of the 16
        // subsets of {3, 3, 6, 8}, those with sum ≥ 14 are {6,8}, {3,3,8}, {3,6,8} twice and {3,3,6,8}: p = 5/16.
        // Sum ≤ 14 holds for the other 11 and for the two subsets equal to 14: p = 13/16.
        double[] d = [1.0, 1.0, -2.0, 3.0];

        Assert.Equal(5.0 / 16, WilcoxonSignedRankTest.PValue(d, greater: true), 15);
        Assert.Equal(13.0 / 16, WilcoxonSignedRankTest.PValue(d, greater: false), 15);
    }

    [Fact]
    public void PValue_ZeroDifference_SplitsItsRankBetweenBothSides()
    {
        // |d| = 0, 2, 3, 1 rank 1, 3, 4, 2. The zero adds half its rank to T⁺: T⁺ = 3 + 4 + 0.5 = 7.5 (doubled 15).
        // The null flips the signs of 2, 3, 1 only: doubled sums 1 + {0, 6, 8, 4, 14, 10, 12, 18} =
        // {1, 7, 9, 5, 15, 11, 13, 19}. At least 15: 2 of 8, p = 0.25; at most 15: 7 of 8, p = 0.875.
        double[] d = [0.0, 2.0, 3.0, -1.0];

        Assert.Equal(0.25, WilcoxonSignedRankTest.PValue(d, greater: true), 15);
        Assert.Equal(0.875, WilcoxonSignedRankTest.PValue(d, greater: false), 15);
    }

    [Fact]
    public void PValue_AllZero_IsOne()
    {
        double[] d = [0.0, 0.0, 0.0];

        Assert.Equal(1.0, WilcoxonSignedRankTest.PValue(d, greater: true));
        Assert.Equal(1.0, WilcoxonSignedRankTest.PValue(d, greater: false));
    }

    [Fact]
    public void PValue_SixtyDistinctDifferences_UsesTheNormalApproximation()
    {
        // d = −1, …, −37, +38, …, +60: n = 60 > 50, ranks = magnitudes, no ties.
        // T⁺ = 38 + … + 60 = 1830 − 703 = 1127. Mean n(n+1)/4 = 915; variance n(n+1)(2n+1)/24 = 442860/24 = 18452.5.
        // z = (1127 − 915)/√18452.5 = 212/135.8400… = 1.5606598363; P(Z ≥ z) = ½·erfc(z/√2) = 0.0593020162 (a
        // normal table gives Φ(1.56) = 0.94062, so 1 − Φ ≈ 0.0594 as a check), and P(Z ≤ z) = 0.9406979838.
        double[] d = [.. Enumerable.Range(1, 60).Select(i => i <= 37 ? -(double)i : i)];

        Assert.Equal(0.0593020162, WilcoxonSignedRankTest.PValue(d, greater: true), 9);
        Assert.Equal(0.9406979838, WilcoxonSignedRankTest.PValue(d, greater: false), 9);
    }

    [Fact]
    public void PValue_SixtyDifferencesInTiedPairs_CorrectsTheVarianceForTies()
    {
        // Magnitudes 1, 1, 2, 2, …, 30, 30; the pairs of magnitude 1..18 are negative. Pair j holds ranks 2j − 1 and
        // 2j, average 2j − ½, so T⁺ = Σ_{j=19..30} 2(2j − ½) = 4·(465 − 171) − 12 = 1164. Thirty tie groups of 2 give
        // Σ(t³ − t) = 30·6 = 180, so the variance is (442860 − 180/2)/24 = 18448.75.
        // z = (1164 − 915)/√18448.75 = 249/135.8262… = 1.8332254350; P(Z ≥ z) = 0.0333845264.
        double[] d = [.. Enumerable.Range(1, 60).Select(i => (i + 1) / 2).Select(m => m <= 18 ? -(double)m : m)];

        Assert.Equal(0.0333845264, WilcoxonSignedRankTest.PValue(d, greater: true), 9);
    }

    [Fact]
    public void PValue_SixtyDifferencesWithZeros_SplitsZerosAndCountsThemAsATieGroup()
    {
        // Four zeros (ranks 1..4, average 2.5, half of each to T⁺: 4·1.25 = 5), then −5, …, −37, +38, …, +60.
        // T⁺ = 5 + (1830 − 10) − (703 − 10) = 1132. The zeros are one tie group of 4: Σ(t³ − t) = 60, variance
        // (442860 − 30)/24 = 18451.25. z = 217/√18451.25 = 1.5975219615; P(Z ≥ z) = 0.0550747031.
        double[] d =
        [
            0.0, 0.0, 0.0, 0.0,
            .. Enumerable.Range(5, 33).Select(i => -(double)i),
            .. Enumerable.Range(38, 23).Select(i => (double)i),
        ];

        Assert.Equal(60, d.Length);
        Assert.Equal(0.0550747031, WilcoxonSignedRankTest.PValue(d, greater: true), 9);
        Assert.Equal(1 - 0.0550747031, WilcoxonSignedRankTest.PValue(d, greater: false), 9);
    }

    [Fact]
    public void PValue_FiftyDifferences_IsStillExact()
    {
        // Fifty positive differences: exact p = 2⁻⁵⁰, far below what the normal approximation would give
        // (z = 637.5/√10731.25 ≈ 6.15, P ≈ 4e-10).
        double[] d = [.. Enumerable.Range(1, WilcoxonSignedRankTest.ExactLimit).Select(i => (double)i)];

        Assert.Equal(Math.Pow(2, -50), WilcoxonSignedRankTest.PValue(d, greater: true));
    }
}
