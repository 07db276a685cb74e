using Hone.Pruners;
using static Hone.Tests.Pruners.PrunerTestStudies;

namespace Hone.Tests.Pruners;

public sealed class PercentilePrunerTests
{
    private static readonly PercentilePrunerOptions NoStartup = new() { StartupTrials = 0 };

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new PercentilePrunerOptions();

        Assert.Equal(5, options.StartupTrials);
        Assert.Equal(0, options.WarmupSteps);
        Assert.Equal(1, options.IntervalSteps);
        Assert.Equal(1, options.MinTrials);
    }

    [Theory]
    [InlineData(-0.5, "'percentile' must be between 0 and 100 inclusive, but got -0.5.")]
    [InlineData(100.5, "'percentile' must be between 0 and 100 inclusive, but got 100.5.")]
    [InlineData(double.NaN, "'percentile' must be between 0 and 100 inclusive, but got NaN.")]
    public void Constructor_PercentileOutOfRange_ThrowsNamingRuleAndValue(double percentile, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PercentilePruner(percentile));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("percentile", error.ParamName);
    }

    [Theory]
    [InlineData(-1, 0, 1, 1, "'StartupTrials' must be at least 0, but got -1.")]
    [InlineData(0, -1, 1, 1, "'WarmupSteps' must be at least 0, but got -1.")]
    [InlineData(0, 0, 0, 1, "'IntervalSteps' must be at least 1, but got 0.")]
    [InlineData(0, 0, 1, 0, "'MinTrials' must be at least 1, but got 0.")]
    public void Constructor_OptionOutOfRange_ThrowsNamingRuleAndValue(
        int startup, int warmup, int interval, int minTrials, string message)
    {
        var options = new PercentilePrunerOptions
        {
            StartupTrials = startup, WarmupSteps = warmup, IntervalSteps = interval, MinTrials = minTrials,
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PercentilePruner(25, options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.0)]
    public void Constructor_BoundaryValues_AreAccepted(double percentile)
    {
        var options = new PercentilePrunerOptions
        {
            StartupTrials = 0, WarmupSteps = 0, IntervalSteps = 1, MinTrials = 1,
        };

        var pruner = new PercentilePruner(percentile, options);

        Assert.NotNull(pruner);
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_PrunerKeepsTheCopy()
    {
        var options = new PercentilePrunerOptions { StartupTrials = 0 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, 1.0);
        options.StartupTrials = 100;

        Assert.True(ReportAndAsk(study.Ask(), 5.0, 0));
    }

    [Fact]
    public void Prune_NoCompletedTrial_ReturnsFalse()
    {
        var study = Create(new PercentilePruner(50, NoStartup));

        Assert.False(ReportAndAsk(study.Ask(), 100.0, 0));
    }

    [Fact]
    public void Prune_NoIntermediateValue_ReturnsFalse()
    {
        var study = Create(new PercentilePruner(50, NoStartup));
        AddComplete(study, 1.0, 1.0);

        Assert.False(study.Ask().ShouldPrune());
    }

    [Fact]
    public void Prune_FewerCompleteTrialsThanStartupTrials_ReturnsFalseUntilTheyExist()
    {
        // StartupTrials = 2: with one complete trial nothing is pruned, with two the bad trial is. Pruned and failed
        // trials, even with intermediate values, do not count.
        var study = Create(new PercentilePruner(50, new PercentilePrunerOptions { StartupTrials = 2 }));
        AddComplete(study, 1.0, 1.0);
        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Pruned, Values = [0.5], IntermediateValues = new Dictionary<int, double> { [0] = 0.5 },
        });
        study.AddTrial(new FrozenTrial { State = TrialState.Fail });

        bool beforeStartup = ReportAndAsk(study.Ask(), 5.0, 0);
        AddComplete(study, 1.0, 1.0);
        bool atStartup = ReportAndAsk(study.Ask(), 5.0, 0);

        Assert.False(beforeStartup);
        Assert.True(atStartup);
    }

    [Theory]
    // Values at step 0: 1, 2, 3, 4, 5. The p-th percentile sits at position h = 4·p/100 of the sorted values.
    // p = 25: h = 1, exactly 2.0; a trial at 2.0 is kept (not worse), one at 2.5 is pruned.
    [InlineData(25.0, 2.0, false)]
    [InlineData(25.0, 2.5, true)]
    // p = 30: h = 1.2, so 2 + 0.2·(3 − 2) = 2.2 (linear interpolation): 2.1 is kept, 2.3 pruned.
    [InlineData(30.0, 2.1, false)]
    [InlineData(30.0, 2.3, true)]
    // p = 0: the minimum, 1.0; p = 100: the maximum, 5.0.
    [InlineData(0.0, 1.0, false)]
    [InlineData(0.0, 1.01, true)]
    [InlineData(100.0, 5.0, false)]
    [InlineData(100.0, 5.01, true)]
    public void Prune_Minimize_ComparesWithTheLinearPercentile(double percentile, double value, bool expected)
    {
        var study = Create(new PercentilePruner(percentile, NoStartup));
        foreach (double v in new[] { 3.0, 1.0, 5.0, 2.0, 4.0 })
        {
            AddComplete(study, v, v);
        }

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Theory]
    // Maximize flips the percentile to 100 − p. p = 25 → 75th: h = 3, exactly 4.0; 4.0 is kept, 3.9 pruned.
    [InlineData(25.0, 4.0, false)]
    [InlineData(25.0, 3.9, true)]
    // p = 30 → 70th: h = 2.8, so 3 + 0.8·(4 − 3) = 3.8: 3.9 is kept, 3.7 pruned.
    [InlineData(30.0, 3.9, false)]
    [InlineData(30.0, 3.7, true)]
    public void Prune_Maximize_ComparesWithTheFlippedPercentile(double percentile, double value, bool expected)
    {
        var study = Create(new PercentilePruner(percentile, NoStartup), StudyDirection.Maximize);
        foreach (double v in new[] { 3.0, 1.0, 5.0, 2.0, 4.0 })
        {
            AddComplete(study, v, v);
        }

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }

    [Theory]
    // Completed trials report 1..5 at steps 0 and 1 (median 3). The trial reports 2 then 4: its best so far stays 2
    // when minimizing, so it is kept although its latest value is worse than the median. When maximizing it reports
    // 4 then 2 and its best so far stays 4.
    [InlineData(StudyDirection.Minimize, 2.0, 4.0)]
    [InlineData(StudyDirection.Maximize, 4.0, 2.0)]
    public void Prune_LatestWorseButBestSoFarGood_ReturnsFalse(StudyDirection direction, double first, double second)
    {
        var study = Create(new PercentilePruner(50, NoStartup), direction);
        foreach (double v in new[] { 1.0, 2.0, 3.0, 4.0, 5.0 })
        {
            AddComplete(study, v, v, v);
        }

        Assert.Empty(ReportAll(study.Ask(), first, second));
    }

    [Fact]
    public void Prune_CompletedTrialsContributeTheirValueAtTheStepNotTheirBestSoFar()
    {
        // Three completed trials reported 0 at step 0 and 10 at step 1. The trial reports 6 and 7 with step 0 in
        // the warm-up, so it is judged at step 1 only: its best is 6 < median(10, 10, 10) = 10, kept. Had the
        // completed trials contributed their best so far (0), 6 would have been pruned.
        var options = new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 1 };
        var study = Create(new PercentilePruner(50, options));
        for (int i = 0; i < 3; i++)
        {
            AddComplete(study, 0.0, 0.0, 10.0);
        }

        Assert.Empty(ReportAll(study.Ask(), 6.0, 7.0));
    }

    [Fact]
    public void Prune_CompletedTrialsWithoutTheStep_AreLeftOut()
    {
        // At step 1 only the trial that reported step 1 (value 1) counts; the others (10 at step 0 only) are left
        // out, so the median is 1 and a trial whose best is 2 is pruned there.
        var options = new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 1 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, 1.0, 1.0);
        AddComplete(study, 10.0, 10.0);
        AddComplete(study, 10.0, 10.0);

        Assert.Equal([1], ReportAll(study.Ask(), 3.0, 2.0));
    }

    [Fact]
    public void Prune_FewerCompletedTrialsAtTheStepThanMinTrials_ReturnsFalse()
    {
        // MinTrials = 2: one completed trial reported step 1, so a bad value there is kept; once a second one has,
        // the same value is pruned.
        var options = new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 1, MinTrials = 2 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, 1.0, 1.0);
        AddComplete(study, 1.0, 1.0);

        int[] withOne = ReportAll(study.Ask(), 5.0, 5.0);
        AddComplete(study, 1.0, 1.0, 1.0);
        int[] withTwo = ReportAll(study.Ask(), 5.0, 5.0);

        Assert.Empty(withOne);
        Assert.Equal([1], withTwo);
    }

    [Fact]
    public void Prune_NaNReportsCountTowardsMinTrialsButNotThePercentile()
    {
        // As in Optuna: MinTrials = 2 counts both completed reports at step 0 (NaN and 1.0); the percentile uses
        // 1.0 alone, so 5.0 is pruned.
        var options = new PercentilePrunerOptions { StartupTrials = 0, MinTrials = 2 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, double.NaN);
        AddComplete(study, 1.0, 1.0);

        Assert.True(ReportAndAsk(study.Ask(), 5.0, 0));
    }

    [Fact]
    public void Prune_NaNAmongTheTrialsValues_IsIgnoredForItsBest()
    {
        // Median at steps 0 and 1 is 2. The trial's NaN at step 0 is pruned (its only value is NaN); at step 1 its
        // best is 1.0 with the NaN ignored, kept.
        var study = Create(new PercentilePruner(50, NoStartup));
        AddComplete(study, 2.0, 2.0, 2.0);

        Assert.Equal([0], ReportAll(study.Ask(), double.NaN, 1.0));
    }

    [Fact]
    public void Prune_WarmupSteps_ProtectStepsBelowItAndPruneAtIt()
    {
        // WarmupSteps = 3: steps 0, 1, 2 are protected; step 3 is the first that prunes.
        var options = new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 3 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);

        Assert.Equal([3, 4], ReportAll(study.Ask(), 5.0, 5.0, 5.0, 5.0, 5.0));
    }

    [Fact]
    public void Prune_IntervalSteps_ChecksTheFirstStepOfEachWindowPastTheWarmup()
    {
        // WarmupSteps = 1, IntervalSteps = 3: the windows are [1, 3], [4, 6], [7, 9]; steps 1, 4 and 7 are checked.
        var options = new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 1, IntervalSteps = 3 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, Enumerable.Repeat(1.0, 8).ToArray());

        Assert.Equal([1, 4, 7], ReportAll(study.Ask(), Enumerable.Repeat(5.0, 8).ToArray()));
    }

    [Fact]
    public void Prune_IntervalWindowStartSkipped_ChecksTheFirstStepReportedInTheWindow()
    {
        // Same windows; the trial reports steps 0, 2, 3, 5, 6. Step 2 is its first report in [1, 3] and step 5 its
        // first in [4, 6]: those two are checked, 3 and 6 are not.
        var options = new PercentilePrunerOptions { StartupTrials = 0, WarmupSteps = 1, IntervalSteps = 3 };
        var study = Create(new PercentilePruner(50, options));
        AddComplete(study, 1.0, Enumerable.Repeat(1.0, 7).ToArray());
        var trial = study.Ask();

        var pruned = new[] { 0, 2, 3, 5, 6 }.Where(step => ReportAndAsk(trial, 5.0, step)).ToArray();

        Assert.Equal([2, 5], pruned);
    }

    [Theory]
    // Objective 1 is maximized. Completed trials report 1..5 at step 0, median 3: 2.0 is worse when maximizing
    // (pruned), 4.0 is better (kept); minimizing would give the opposite.
    [InlineData(2.0, true)]
    [InlineData(4.0, false)]
    public void Prune_TwoObjectivesWithPruningObjective1_UsesItsMaximizeDirection(double value, bool expected)
    {
        var study = CreateTwoObjectives(new PercentilePruner(50, NoStartup));
        foreach (double v in new[] { 1.0, 2.0, 3.0, 4.0, 5.0 })
        {
            AddComplete(study, [0.0, v], v);
        }

        Assert.Equal(expected, ReportAndAsk(study.Ask(), value, 0));
    }
}
