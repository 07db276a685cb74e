using Hone.Pruners;
using Hone.Samplers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-19: trials with no intermediate values at all (one added without them, one pruned before reporting)
/// break no pruner; trials lacking a step are left out of that step's comparison.</summary>
[Trait("Issue", "BC-19")]
public sealed class Bc19NoIntermediateValuesTests
{
    public static TheoryData<string> Pruners =>
        ["median", "percentile", "patient", "patient-median", "threshold", "wilcoxon"];

    [Theory]
    [MemberData(nameof(Pruners))]
    public void ShouldPrune_TrialsWithoutIntermediateValues_NoExceptionAndNothingPruned(string name)
    {
        var study = Study.Create(new StudyOptions { Pruner = CreatePruner(name), Sampler = new RandomSampler(0) });
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.1] });
        var early = study.Ask();
        bool earlyAnswer = early.ShouldPrune();
        study.Tell(early, TrialState.Pruned);
        var trial = study.Ask();

        var pruned = new List<int>();
        for (int step = 0; step <= 5; step++)
        {
            trial.Report(1.0, step);
            if (trial.ShouldPrune())
            {
                pruned.Add(step);
            }
        }

        study.Tell(trial, 1.0);

        Assert.False(earlyAnswer);
        Assert.Empty(pruned);
        var trials = study.Trials;
        Assert.Equal([TrialState.Complete, TrialState.Pruned, TrialState.Complete], trials.Select(t => t.State));
        Assert.Null(trials[1].Values);
        Assert.Empty(trials[1].IntermediateValues);
    }

    private static Pruner CreatePruner(string name)
    {
        var noStartup = new PercentilePrunerOptions { StartupTrials = 0 };
        return name switch
        {
            "median" => new MedianPruner(noStartup),
            "percentile" => new PercentilePruner(25, noStartup),
            "patient" => new PatientPruner(null, 0),
            "patient-median" => new PatientPruner(new MedianPruner(noStartup), 0),
            "threshold" => new ThresholdPruner(upper: 2.0),
            "wilcoxon" => new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown pruner."),
        };
    }
}
