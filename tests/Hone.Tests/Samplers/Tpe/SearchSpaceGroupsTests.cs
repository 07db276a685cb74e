using Hone.Distributions;
using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public sealed class SearchSpaceGroupsTests
{
    private static int _nextNumber;

    private static FrozenTrial WithLayers(int layers)
    {
        int number = Interlocked.Increment(ref _nextNumber);
        var distributions = new Dictionary<string, Distribution> { ["n_layers"] = new IntDistribution(1, 4) };
        var values = new Dictionary<string, object?> { ["n_layers"] = (long)layers };
        for (int i = 0; i < layers; i++)
        {
            distributions[$"n_units_l{i}"] = new IntDistribution(1, 128);
            values[$"n_units_l{i}"] = 10L;
        }

        return new FrozenTrial
        {
            Number = number,
            TrialId = number,
            State = TrialState.Complete,
            Params = values,
            Distributions = distributions,
        };
    }

    [Fact]
    public void Infer_LoopDependentSpace_OneGroupPerDepth()
    {
        var trials = new[] { WithLayers(1), WithLayers(3), WithLayers(2), WithLayers(4) };

        var groups = SearchSpaceGroups.Infer(trials, group: true);

        Assert.Equal(
            ["n_layers,n_units_l0", "n_units_l1", "n_units_l2", "n_units_l3"],
            groups.Select(g => string.Join(",", g.Keys.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Infer_WithoutGrouping_IsTheIntersection()
    {
        var trials = new[] { WithLayers(1), WithLayers(3) };

        var groups = SearchSpaceGroups.Infer(trials, group: false);

        Assert.Equal(["n_layers", "n_units_l0"], Assert.Single(groups).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Infer_SingleValuedParameters_AreLeftOut()
    {
        var trial = new FrozenTrial
        {
            State = TrialState.Complete,
            Params = new Dictionary<string, object?> { ["fixed"] = 1.0, ["x"] = 0.5 },
            Distributions = new Dictionary<string, Distribution>
            {
                ["fixed"] = new FloatDistribution(1, 1),
                ["x"] = new FloatDistribution(0, 1),
            },
        };

        var groups = SearchSpaceGroups.Infer([trial], group: true);

        Assert.Equal(["x"], Assert.Single(groups).Keys);
    }
}
