using Hone.Pruners;
using static Hone.Tests.Pruners.PrunerTestStudies;

namespace Hone.Tests.Pruners;

public sealed class MedianPrunerTests
{
    [Theory]
    // Four completed trials report 1, 2, 3, 4 at step 0: the median is 2.5 (half way between 2 and 3).
    [InlineData(StudyDirection.Minimize, 2.5, false)]
    [InlineData(StudyDirection.Minimize, 2.6, true)]
    [InlineData(StudyDirection.Maximize, 2.5, false)]
    [InlineData(StudyDirection.Maximize, 2.4, true)]
    public void Prune_EvenCount_ComparesWithTheMidpointMedian(StudyDirection direction, double value, bool expected)
    {
        var study = Create(new MedianPruner(new PercentilePrunerOptions { StartupTrials = 0 }), direction);
        foreach (double v in new[] { 4.0, 1.0, 3.0, 2.0 })
        {
            AddComplete(study, v, v);
        }

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Fact]
    public void Prune_DefaultOptions_WaitsForFiveCompleteTrials()
    {
        // The default StartupTrials is 5: with four complete trials a bad value is kept, with five it is pruned.
        var study = Create(new MedianPruner());
        for (int i = 0; i < 4; i++)
        {
            AddComplete(study, 1.0, 1.0);
        }

        bool withFour = ReportAndAsk(study.Ask(), 5.0, 0);
        AddComplete(study, 1.0, 1.0);
        bool withFive = ReportAndAsk(study.Ask(), 5.0, 0);

        Assert.False(withFour);
        Assert.True(withFive);
    }

    [Fact]
    public void Constructor_InvalidOption_ThrowsLikeThePercentilePruner()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new MedianPruner(new PercentilePrunerOptions { IntervalSteps = 0 }));

        Assert.StartsWith("'IntervalSteps' must be at least 1, but got 0.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Objective 1 is maximized; completed trials report 1, 2, 3 (median 2).
    [InlineData(1.5, true)]
    [InlineData(2.5, false)]
    public void Prune_TwoObjectivesWithPruningObjective1_UsesItsMaximizeDirection(double value, bool expected)
    {
        var study = CreateTwoObjectives(new MedianPruner(new PercentilePrunerOptions { StartupTrials = 0 }));
        foreach (double v in new[] { 1.0, 2.0, 3.0 })
        {
            AddComplete(study, [0.0, v], v);
        }

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Fact]
    public void Optimize_TwoJobsSharingThePruner_PrunesWithoutErrors()
    {
        // The pruner keeps no state, so workers on two threads can share it; losses grow with x, so once trials
        // with a small x are complete, those with a large x fall above the median and are pruned.
        var study = Create(new MedianPruner(new PercentilePrunerOptions { StartupTrials = 2 }));

        study.Optimize(trial =>
        {
            double x = trial.SuggestFloat("x", 0, 1);
            for (int step = 0; step < 5; step++)
            {
                trial.Report(x + step, step);
                if (trial.ShouldPrune())
                {
                    throw new TrialPrunedException();
                }
            }

            return x;
        }, trials: 40, jobs: 2);

        Assert.Equal(40, study.Trials.Count);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Fail);
        Assert.Contains(study.Trials, t => t.State == TrialState.Pruned);
    }
}
