using Hone.Distributions;
using Hone.Samplers;
using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

/// <summary>Densities checked against hand computation (the expected logs were computed in Python with math.erf, from
/// the formulas in the comments).</summary>
public sealed class ParzenEstimatorTests
{
    private static ParzenEstimator Estimator(Distribution distribution, double[] values, int[]? order) =>
        new([KernelSpace.For(distribution)], new Observations([values], [order], values.Length),
            ParzenEstimator.DefaultWeights(values.Length), new TpeSamplerOptions());

    [Fact]
    public void LogPdf_Continuous_NeighbourBandwidthsMagicClipPriorAndTruncation()
    {
        // Observations 2, 4, 9 on [0, 10]: neighbour gaps give σ = 2, 5, 5 (the outermost look inwards only); the
        // magic clip's floor is 10 / (1 + 4 kernels) = 2, so nothing moves. The prior kernel is N(5, 10). Four
        // kernels of weight 1/4, each a normal truncated to [0, 10]:
        // log Σ ¼ · φ((x − μ)/σ) / (σ · (Φ((10 − μ)/σ) − Φ((0 − μ)/σ))).
        var estimator = Estimator(new FloatDistribution(0, 10), [2, 4, 9], [0, 1, 2]);

        double[] logs = estimator.LogPdf([[5.0], [1.0], [9.5]]);

        Assert.Equal(-2.2926645412962454, logs[0], 12);
        Assert.Equal(-2.1954042591089578, logs[1], 12);
        Assert.Equal(-2.5730418916480136, logs[2], 12);
    }

    [Fact]
    public void LogPdf_Integer_MassOverEachValuesCell()
    {
        // Ints 1..5 live on [0.5, 5.5]. Observations 2, 2, 4 (ties in row order): σ = 0 for the first 2 (it looks
        // inwards to the other 2), 2 and 2; the clip's floor 5 / 5 = 1 lifts the 0. Prior N(3, 5). A value v weighs
        // the mass of each kernel over [v − ½, v + ½] divided by its mass over [0.5, 5.5].
        var estimator = Estimator(new IntDistribution(1, 5), [2, 2, 4], [0, 1, 2]);

        double[] logs = estimator.LogPdf([[1.0], [2.0], [3.0], [5.0]]);

        Assert.Equal(-1.6362834702749698, logs[0], 12);
        Assert.Equal(-1.3389007812291231, logs[1], 12);
        Assert.Equal(-1.444458565614334, logs[2], 12);
        Assert.Equal(-2.028529039680252, logs[3], 12);
        Assert.Equal(1.0, Enumerable.Range(1, 5).Sum(v => Math.Exp(estimator.LogPdf([[v]])[0])), 12);
    }

    [Fact]
    public void LogPdf_Categorical_PriorSpreadOverChoicesPlusOneOnTheObserved()
    {
        // Choices a, b, c; observed a and c. Each observation's row: 1/3 (prior weight over 3 kernels) on every
        // choice, plus 1 on its own, normalised: (2/3, 1/6, 1/6) and (1/6, 1/6, 2/3); the prior row is uniform.
        // With weights 1/3: P(a) = P(c) = 7/18, P(b) = 4/18.
        var estimator = Estimator(new CategoricalDistribution(["a", "b", "c"]), [0, 2], null);

        double[] logs = estimator.LogPdf([[0.0], [1.0], [2.0]]);

        Assert.Equal(Math.Log(7.0 / 18), logs[0], 12);
        Assert.Equal(Math.Log(4.0 / 18), logs[1], 12);
        Assert.Equal(Math.Log(7.0 / 18), logs[2], 12);
    }

    [Fact]
    public void Sample_EveryCandidate_LiesInsideTheDistributionAndOnItsGrid()
    {
        var stepped = new FloatDistribution(0, 1, step: 0.25);
        var estimator = Estimator(stepped, [0.25, 0.5, 1], [0, 1, 2]);

        double[][] candidates = estimator.Sample(new Random(3), 500);

        Assert.All(candidates, c => Assert.Contains(c[0], (double[])[0, 0.25, 0.5, 0.75, 1]));
        Assert.Equal(5, candidates.Select(c => c[0]).Distinct().Count());
    }
}
