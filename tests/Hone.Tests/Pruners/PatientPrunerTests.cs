using Hone.Pruners;
using static Hone.Tests.Pruners.PrunerTestStudies;

namespace Hone.Tests.Pruners;

public sealed class PatientPrunerTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new PatientPrunerOptions();

        Assert.Equal(0.0, options.MinDelta);
    }

    [Fact]
    public void Constructor_NegativePatience_ThrowsNamingRuleAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PatientPruner(null, -1));

        Assert.StartsWith("'patience' must be at least 0, but got -1.", error.Message, StringComparison.Ordinal);
        Assert.Equal("patience", error.ParamName);
    }

    [Theory]
    [InlineData(-0.5, "'MinDelta' must be a finite number >= 0, but got -0.5.")]
    [InlineData(double.NaN, "'MinDelta' must be a finite number >= 0, but got NaN.")]
    [InlineData(double.PositiveInfinity, "'MinDelta' must be a finite number >= 0, but got Infinity.")]
    public void Constructor_InvalidMinDelta_ThrowsNamingRuleAndValue(double minDelta, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new PatientPruner(null, 0, new PatientPrunerOptions { MinDelta = minDelta }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // patience, minDelta, direction, values by step, steps that prune. The window is the last patience + 1
    // values; the trial has stalled when the window's best is worse than the earlier best by more than minDelta.
    // [1, 0] maximize, patience 0: window [0] < best before 1 → prune at step 1.
    [InlineData(0, 0.0, StudyDirection.Maximize, new[] { 1.0, 0.0 }, new[] { 1 })]
    // [2, 1, 0], patience 1: at step 2 the window [1, 0] has best 1 < 2 → prune.
    [InlineData(1, 0.0, StudyDirection.Maximize, new[] { 2.0, 1.0, 0.0 }, new[] { 2 })]
    [InlineData(0, 0.0, StudyDirection.Minimize, new[] { 0.0, 1.0 }, new[] { 1 })]
    [InlineData(1, 0.0, StudyDirection.Minimize, new[] { 0.0, 1.0, 2.0 }, new[] { 2 })]
    // minDelta 1: a worsening of exactly 1 is tolerated (1 − 1 = 0 is not > 0).
    [InlineData(0, 1.0, StudyDirection.Maximize, new[] { 1.0, 0.0 }, new int[0])]
    // [3, 2, 1, 0], patience 1: at step 2 the window [2, 1] has best 2, not below 3 − 1; at step 3 the window
    // [1, 0] has best 1 < 3 − 1 = 2 → prune.
    [InlineData(1, 1.0, StudyDirection.Maximize, new[] { 3.0, 2.0, 1.0, 0.0 }, new[] { 3 })]
    [InlineData(0, 1.0, StudyDirection.Minimize, new[] { 0.0, 1.0 }, new int[0])]
    [InlineData(1, 1.0, StudyDirection.Minimize, new[] { 0.0, 1.0, 2.0, 3.0 }, new[] { 3 })]
    public void Prune_WithoutWrappedPruner_PrunesOnceTheTrialStalls(
        int patience, double minDelta, StudyDirection direction, double[] values, int[] expected)
    {
        var pruner = new PatientPruner(null, patience, new PatientPrunerOptions { MinDelta = minDelta });
        var study = Create(pruner, direction);

        Assert.Equal(expected, ReportAll(study.Ask(), values));
    }

    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void Prune_FlatValues_AreNotAStall(StudyDirection direction)
    {
        // As in Optuna, only a real worsening counts: a window equal to the earlier best is kept.
        var study = Create(new PatientPruner(null, 0), direction);

        Assert.Empty(ReportAll(study.Ask(), 1.0, 1.0, 1.0, 1.0));
    }

    [Fact]
    public void Prune_FewerThanPatiencePlusTwoSteps_ReturnsFalse()
    {
        // Patience 2 needs a window of 3 steps and at least one before it: nothing can happen before step 3.
        var study = Create(new PatientPruner(null, 2));

        Assert.Equal([3], ReportAll(study.Ask(), 0.0, 5.0, 5.0, 5.0));
    }

    [Fact]
    public void Prune_NaNValues_AreIgnoredAndAnAllNaNSideKeepsTheTrial()
    {
        // Patience 0: [NaN] → too few steps; [NaN | 1] → the part before is all NaN, kept; [NaN, 1 | NaN] → the
        // window is all NaN, kept; [NaN, 1, NaN | 2] → best before 1, window 2 > 1 → prune.
        var study = Create(new PatientPruner(null, 0));

        Assert.Equal([3], ReportAll(study.Ask(), double.NaN, 1.0, double.NaN, 2.0));
    }

    [Fact]
    public void Prune_StepsReportedOutOfOrder_AreSortedByStep()
    {
        // Step 1 (0.0) is reported before step 0 (1.0). By step the values are [1, 0], an improvement: kept. In
        // report order they would read [0, 1] and look like a stall.
        var study = Create(new PatientPruner(null, 0));
        var trial = study.Ask();
        trial.Report(0.0, 1);
        trial.Report(1.0, 0);

        Assert.False(trial.ShouldPrune());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Prune_Stalled_DefersToTheWrappedPruner(bool wrappedSays, bool expected)
    {
        var wrapped = new FixedPruner(wrappedSays);
        var study = Create(new PatientPruner(wrapped, 0));
        var trial = study.Ask();

        bool result = ReportAll(trial, 0.0, 1.0).Length == 1;

        Assert.Equal(expected, result);
        Assert.Equal(1, wrapped.Calls);
    }

    [Fact]
    public void Prune_NotStalled_DoesNotAskTheWrappedPruner()
    {
        var wrapped = new FixedPruner(true);
        var study = Create(new PatientPruner(wrapped, 0));

        Assert.Empty(ReportAll(study.Ask(), 3.0, 2.0, 1.0));
        Assert.Equal(0, wrapped.Calls);
    }

    [Fact]
    public void Prune_WrappingAMedianPruner_PrunesOnlyWhenBothAgree()
    {
        // Completed trials report 1 at steps 0..3 (median 1). The trial reports 5, 4, 6, 7: the median pruner alone
        // would prune at once; with patience 1 the trial stalls only at step 3 (window [6, 7] vs best 4).
        var median = new MedianPruner(new PercentilePrunerOptions { StartupTrials = 0 });
        var study = Create(new PatientPruner(median, 1));
        AddComplete(study, 1.0, 1.0, 1.0, 1.0, 1.0);

        Assert.Equal([3], ReportAll(study.Ask(), 5.0, 4.0, 6.0, 7.0));
    }

    [Theory]
    // Objective 1 is maximized: [2, 1, 0] keeps falling, a stall at step 2 with patience 1; [0, 1, 2] rises.
    [InlineData(new[] { 2.0, 1.0, 0.0 }, new[] { 2 })]
    [InlineData(new[] { 0.0, 1.0, 2.0 }, new int[0])]
    public void Prune_TwoObjectivesWithPruningObjective1_UsesItsMaximizeDirection(double[] values, int[] expected)
    {
        var study = CreateTwoObjectives(new PatientPruner(null, 1));

        Assert.Equal(expected, ReportAll(study.Ask(), values));
    }

    [Fact]
    public void SamplerPartition_PassesOnTheWrappedPrunersPartition()
    {
        var study = Create(new NopPruner());

        Assert.Equal(1, new PatientPruner(new ParityPruner(), 0).SamplerPartition(study, 3));
        Assert.Null(new PatientPruner(null, 0).SamplerPartition(study, 3));
    }

    private sealed class FixedPruner(bool answer) : Pruner
    {
        private int _calls;

        public int Calls => _calls;

        public override bool Prune(Study study, FrozenTrial trial)
        {
            Interlocked.Increment(ref _calls);
            return answer;
        }
    }

    private sealed class ParityPruner : Pruner
    {
        public override bool Prune(Study study, FrozenTrial trial) => false;

        public override int? SamplerPartition(Study study, int trialNumber) => trialNumber % 2;
    }
}
