using Hone.Distributions;
using Hone.Samplers;

namespace Hone.Tests.Samplers;

public sealed class RandomSamplerTests
{
    // Upper 0.1% points of the chi-square distribution, by degrees of freedom.
    private static readonly Dictionary<int, double> ChiSquare999 = new() { [3] = 16.266, [4] = 18.467, [9] = 27.877 };

    [Fact]
    public void SameSeed_GivesSameTrials()
    {
        static IReadOnlyList<object?> Run(int seed)
        {
            var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(seed) });
            study.Optimize(t => t.SuggestFloat("x", -10, 10) + t.SuggestInt("n", 1, 100)
                + (t.SuggestCategorical("c", "a", "b", "c") == "a" ? 1 : 0), trials: 30);
            return [.. study.Trials.SelectMany(t => t.Params.Values)];
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void IntGrid_IsUniformByChiSquare()
    {
        var counts = Draw(new IntDistribution(1, 10, step: 3), 4000, seed: 11)
            .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([1.0, 4.0, 7.0, 10.0], counts.Keys.Order());
        Assert.True(Statistic(counts.Values, 4000) < ChiSquare999[3]);
    }

    [Fact]
    public void FloatGrid_IsUniformIncludingBothEnds()
    {
        var counts = Draw(new FloatDistribution(0, 10, step: 2.5), 5000, seed: 12)
            .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([0.0, 2.5, 5.0, 7.5, 10.0], counts.Keys.Order());
        Assert.True(Statistic(counts.Values, 5000) < ChiSquare999[4]);
    }

    [Fact]
    public void LogFloat_IsUniformInLogSpace()
    {
        var values = Draw(new FloatDistribution(1e-4, 1, log: true), 10000, seed: 13);

        Assert.All(values, v => Assert.InRange(v, 1e-4, 1));
        var decades = values.GroupBy(v => (int)Math.Floor(-Math.Log10(v))).Select(g => g.Count()).ToList();
        Assert.Equal(4, decades.Count);
        Assert.True(Statistic(decades, 10000) < ChiSquare999[3]);
    }

    [Fact]
    public void LogInt_CoversEveryValueAndFavoursSmallOnes()
    {
        var values = Draw(new IntDistribution(1, 10, log: true), 10000, seed: 14);

        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (double)i), counts.Keys.Order());
        Assert.True(counts[1] > counts[5] && counts[5] > counts[10]);
    }

    [Fact]
    public void Categorical_IsUniform()
    {
        var counts = Draw(new CategoricalDistribution(["a", null, 1, 2.5, true]), 5000, seed: 15)
            .GroupBy(v => v).Select(g => g.Count()).ToList();

        Assert.Equal(5, counts.Count);
        Assert.True(Statistic(counts, 5000) < ChiSquare999[4]);
    }

    [Fact]
    public void ContinuousFloat_StaysInsideRange()
    {
        Assert.All(Draw(new FloatDistribution(-3, -2), 2000, seed: 16), v => Assert.InRange(v, -3, -2));
    }

    [Fact]
    public void LoopDependentSpace_SeedHistogramExperiment_EachLayerCountNearQuarter()
    {
        // The seed document's n_layers experiment: 10 seeds x 100 trials of a constant objective.
        var counts = new int[4];
        for (int seed = 0; seed < 10; seed++)
        {
            var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(seed) });
            study.Optimize(t =>
            {
                int layers = t.SuggestInt("n_layers", 1, 4);
                for (int i = 0; i < layers; i++)
                {
                    t.SuggestInt($"n_units_l{i}", 1, 128);
                }

                return 0;
            }, trials: 100);
            foreach (var trial in study.Trials)
            {
                counts[(long)trial.Params["n_layers"]! - 1]++;
            }
        }

        Assert.All(counts, c => Assert.InRange(c / 10.0, 20, 30));
    }

    private static List<double> Draw(Distribution distribution, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => RandomSampler.Draw(random, distribution))];
    }

    private static double Statistic(IEnumerable<int> counts, int total)
    {
        var list = counts.ToList();
        double expected = (double)total / list.Count;
        return list.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
