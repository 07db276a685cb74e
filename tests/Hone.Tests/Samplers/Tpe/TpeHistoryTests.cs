using Hone.Internal;
using Hone.Samplers;
using Hone.Samplers.Tpe;

namespace Hone.Tests.Samplers.Tpe;

public sealed class TpeHistoryTests
{
    private static FrozenTrial Pruned(params (int Step, double Value)[] reports) => new()
    {
        State = TrialState.Pruned,
        IntermediateValues = reports.ToDictionary(r => r.Step, r => r.Value),
    };

    [Fact]
    public void Load_RanksCompleteThenPrunedByDepthAndValue_IgnoresFailed_PutsRunningAbove()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        double[] values = [5, 1, 3];
        foreach (double v in values)
        {
            study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [v] });
        }

        study.AddTrial(Pruned((0, 0.1), (1, 0.9)));          // #3: deepest, worse value
        study.AddTrial(Pruned((0, 0.2), (1, 0.4)));          // #4: deepest, better value
        study.AddTrial(Pruned((0, 0.0)));                    // #5: shallow
        study.AddTrial(Pruned((0, 0.05), (1, double.NaN)));  // #6: deepest, NaN counts as worst
        study.AddTrial(new FrozenTrial { State = TrialState.Fail });
        var running = study.Ask();
        var current = study.Ask();
        var options = new TpeSamplerOptions { Gamma = _ => 5 };

        var history = TpeHistory.Load(study, study.Storage.GetTrial(((LiveTrial)current).TrialId), options);

        Assert.Equal(7, history.FinishedCount);
        Assert.Equal([0, 1, 2, 3, 4], history.Below.Select(t => t.Number));
        Assert.Equal([5, 6, running.Number], history.Above.Select(t => t.Number));
    }

    [Fact]
    public void Load_WithoutConstantLiar_LeavesRunningTrialsOut()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [1] });
        study.Ask();
        var current = study.Ask();

        var options = new TpeSamplerOptions { ConstantLiar = false };

        var history = TpeHistory.Load(study, study.Storage.GetTrial(((LiveTrial)current).TrialId), options);

        Assert.Single(history.Below);
        Assert.Empty(history.Above);
    }

    [Fact]
    public void Load_DefaultGamma_IsTenPercentCappedAt25()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        for (int i = 0; i < 300; i++)
        {
            study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [i] });
        }

        var history = TpeHistory.Load(study, study.Trials[0], new TpeSamplerOptions());

        Assert.Equal(25, history.Below.Count);
        Assert.Equal(Enumerable.Range(0, 25), history.Below.Select(t => t.Number));
    }

    [Fact]
    public void Load_InfeasibleTrialsRankAfterFeasibleOnesByViolation()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [0],
            SystemAttributes = new Dictionary<string, object?> { [Feasibility.ConstraintsKey] = new[] { 2.0 } },
        });
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [10] });

        var history = TpeHistory.Load(study, study.Trials[0], new TpeSamplerOptions { Gamma = _ => 1 });

        Assert.Equal(1, Assert.Single(history.Below).Number);
        Assert.Equal(1, study.BestTrial.Number);
    }

    [Fact]
    public void DefaultWeights_FlatUnder25_RampForOlderObservations()
    {
        Assert.All(Hone.Samplers.Tpe.ParzenEstimator.DefaultWeights(10), w => Assert.Equal(1.0, w));

        double[] weights = Hone.Samplers.Tpe.ParzenEstimator.DefaultWeights(30);

        Assert.Equal(1.0 / 30, weights[0], 12);
        Assert.Equal(1.0, weights[4], 12);
        Assert.All(weights[5..], w => Assert.Equal(1.0, w));
        Assert.True(weights[1] > weights[0] && weights[2] > weights[1]);
    }

    [Fact]
    public void Load_PrunedTrialsInTwoObjectives_RankedByThePruningObjectivesDirection()
    {
        // Objective 1 (maximized) is the one intermediate values track: the pruned trials with the highest values
        // are the good ones.
        var study = Study.Create(new StudyOptions
        {
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
            PruningObjective = 1,
            Sampler = new RandomSampler(0),
        });
        double[] accuracy = [0.2, 0.9, 0.5, 0.8];
        foreach (double a in accuracy)
        {
            study.AddTrial(Pruned((0, a)));
        }

        var history = TpeHistory.Load(study, study.Trials[0], new TpeSamplerOptions { Gamma = _ => 2 });

        Assert.Equal([1, 3], history.Below.Select(t => t.Number));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Load_GammaOutsideZeroToN_ThrowsWithTheValue(int size)
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(0) });
        for (int i = 0; i < 10; i++)
        {
            study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [i] });
        }

        var error = Assert.Throws<InvalidOperationException>(
            () => TpeHistory.Load(study, study.Trials[0], new TpeSamplerOptions { Gamma = _ => size }));

        Assert.Contains($"for n=10 it returned {size}", error.Message, StringComparison.Ordinal);
    }
}
