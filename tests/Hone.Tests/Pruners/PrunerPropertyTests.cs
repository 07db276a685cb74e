using System.Collections.Concurrent;
using Hone.Pruners;
using Hone.Samplers;

namespace Hone.Tests.Pruners;

/// <summary>Properties every pruner must keep, checked on a noisy study run by two workers.</summary>
public sealed class PrunerPropertyTests
{
    public static TheoryData<string> PrunerNames() =>
    [
        "nop", "median", "percentile", "patient", "threshold", "wilcoxon", "successive-halving", "hyperband",
    ];

    private static Pruner Create(string name) => name switch
    {
        "nop" => new NopPruner(),
        "median" => new MedianPruner(new PercentilePrunerOptions { StartupTrials = 2 }),
        "percentile" => new PercentilePruner(25, new PercentilePrunerOptions { StartupTrials = 2, WarmupSteps = 2 }),
        "patient" => new PatientPruner(new MedianPruner(), patience: 2),
        "threshold" => new ThresholdPruner(upper: 1.5),
        "wilcoxon" => new WilcoxonPruner(),
        "successive-halving" => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1 }),
        "hyperband" => new HyperbandPruner(new HyperbandPrunerOptions { MaxResource = 27 }),
        _ => throw new ArgumentException($"Unknown pruner '{name}'.", nameof(name)),
    };

    [Theory]
    [MemberData(nameof(PrunerNames))]
    public void Optimize_AnyPruner_KeepsFinishedTrialsAsTheyEndedAndPrunedOnesWithTheirLastValue(string name)
    {
        var study = Study.Create(new StudyOptions
        {
            Name = "property",
            Pruner = Create(name),
            Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 5, StartupTrials = 5 }),
        });
        var ended = new ConcurrentDictionary<int, FrozenTrial>();

        // Curves of random length and height, some with a NaN report, some that stop reporting early; two workers,
        // so that pruners decide while other trials report and finish.
        study.Optimize(t =>
        {
            double x = t.SuggestFloat("x", 0, 1);
            int steps = t.SuggestInt("steps", 1, 27);
            double value = double.NaN;
            for (int step = 0; step < steps; step++)
            {
                // Falls, then rises again past step 10 (patience has something to notice), NaN at step 7 sometimes.
                value = x + (1.0 / (step + 1)) + (Math.Max(step - 10, 0) * 0.05)
                    + (step == 7 && x > 0.9 ? double.NaN : 0);
                t.Report(value, step);
                if (t.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return double.IsNaN(value) ? 0 : value;
        }, trials: 60, jobs: 2, callbacks: [(_, trial) => ended[trial.Number] = trial]);

        var trials = study.Trials;
        Assert.Equal(60, trials.Count);
        foreach (var trial in trials)
        {
            var atEnd = ended[trial.Number];
            Assert.Equal(atEnd.State, trial.State);
            Assert.Equal(atEnd.Values, trial.Values);
            Assert.Equal(atEnd.IntermediateValues, trial.IntermediateValues);
            Assert.NotEqual(TrialState.Running, trial.State);
            if (trial.State == TrialState.Pruned)
            {
                double last = trial.IntermediateValues[trial.LastStep!.Value];
                Assert.Equal(double.IsNaN(last) ? null : last, trial.Value);
            }
        }

        if (name == "nop")
        {
            Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        }
        else
        {
            Assert.Contains(trials, t => t.State == TrialState.Pruned);
        }
    }
}
