using Hone.Pruners;
using Hone.Samplers;

namespace Hone.Tests.FailureCases;

/// <summary>BC-17: warm-up steps protect steps 0 to k − 1, step k can prune, and with no warm-up step 0 can prune.
/// </summary>
[Trait("Issue", "BC-17")]
public sealed class Bc17WarmupBoundaryTests
{
    [Fact]
    public void ShouldPrune_ThresholdNoWarmup_PrunesAtStepZero()
    {
        // (a)
        var options = new ThresholdPrunerOptions { WarmupSteps = 0 };
        var study = CreateStudy(new ThresholdPruner(upper: 2.0, options: options));

        Assert.Equal([0], PrunedSteps(study.Ask(), 3.0));
    }

    [Fact]
    public void ShouldPrune_ThresholdOneWarmupStep_PrunesAtStepOneNotZero()
    {
        // (b)
        var options = new ThresholdPrunerOptions { WarmupSteps = 1 };
        var study = CreateStudy(new ThresholdPruner(upper: 2.0, options: options));

        Assert.Equal([1], PrunedSteps(study.Ask(), 3.0, 3.0));
    }

    [Fact]
    public void ShouldPrune_MedianTwoWarmupSteps_PrunesFromStepTwo()
    {
        // (c) One completed trial reported 1.0 at steps 0..3; the new trial's 5.0 is worse at each step, but steps 0
        // and 1 are the warm-up.
        var study = CreateStudy(new MedianPruner(new PercentilePrunerOptions { StartupTrials = 1, WarmupSteps = 2 }));
        var done = study.Ask();
        PrunedSteps(done, 1.0, 1.0, 1.0, 1.0);
        study.Tell(done, 1.0);

        Assert.Equal([2, 3], PrunedSteps(study.Ask(), 5.0, 5.0, 5.0, 5.0));
    }

    private static Study CreateStudy(Pruner pruner) =>
        Study.Create(new StudyOptions { Pruner = pruner, Sampler = new RandomSampler(0) });

    private static int[] PrunedSteps(Trial trial, params double[] byStep)
    {
        var pruned = new List<int>();
        for (int step = 0; step < byStep.Length; step++)
        {
            trial.Report(byStep[step], step);
            if (trial.ShouldPrune())
            {
                pruned.Add(step);
            }
        }

        return [.. pruned];
    }
}
