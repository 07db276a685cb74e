using Hone.Pruners;
using Hone.Tests.Support;
using static Hone.Tests.Pruners.PrunerTestStudies;

namespace Hone.Tests.Pruners;

public sealed class WilcoxonPrunerTests
{
    // The best trial's scores on instances 0..9, mean 4.55. The safety rule compares the running trial's mean over
    // the instances it reported so far with the best trial's mean over all of them, so a trial that is worse on every
    // instance is pruned early only if its first instances are not easy ones: minimizing, the first instances here
    // score high (mean 6.5 over the first four); maximizing, low (mean 1.625).
    private static readonly double[] BestScores = [5.0, 8.0, 7.0, 6.0, 9.0, 3.0, 1.0, 4.0, 2.0, 0.5];
    private static readonly double[] BestScoresLowFirst = [1.0, 2.0, 0.5, 3.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0];

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new WilcoxonPrunerOptions();

        Assert.Equal(0.1, options.PThreshold);
        Assert.Equal(2, options.StartupSteps);
    }

    [Theory]
    [InlineData(-0.01, 2, "'PThreshold' must be between 0 and 1 inclusive, but got -0.01.")]
    [InlineData(1.01, 2, "'PThreshold' must be between 0 and 1 inclusive, but got 1.01.")]
    [InlineData(double.NaN, 2, "'PThreshold' must be between 0 and 1 inclusive, but got NaN.")]
    [InlineData(0.1, -1, "'StartupSteps' must be at least 0, but got -1.")]
    public void Constructor_OptionOutOfRange_ThrowsNamingRuleAndValue(double threshold, int startup, string message)
    {
        var options = new WilcoxonPrunerOptions { PThreshold = threshold, StartupSteps = startup };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WilcoxonPruner(options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 0)]
    public void Constructor_BoundaryValues_AreAccepted(double threshold, int startup) =>
        Assert.NotNull(
            new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = threshold, StartupSteps = startup }));

    [Fact]
    public void Prune_WorseOnEveryInstance_PrunesOnceFourPairsGiveP0_0625()
    {
        // Minimize; the trial scores 0.1·(i + 1) worse than the best on instance i: all differences positive and
        // distinct, so with n pairs p = P(T⁺ = n(n+1)/2) = 2⁻ⁿ: 0.25, 0.125, then 0.0625 < 0.1 at the fourth step.
        var study = Create(new WilcoxonPruner());
        AddComplete(study, 4.55, BestScores);

        int[] pruned = ReportAll(study.Ask(), [.. BestScores.Select((b, i) => b + (0.1 * (i + 1)))]);

        Assert.Equal(3, pruned[0]);
    }

    [Fact]
    public void Prune_Maximize_PrunesWhenTheTrialIsLowerOnEveryInstance()
    {
        var study = Create(new WilcoxonPruner(), StudyDirection.Maximize);
        AddComplete(study, 4.55, BestScoresLowFirst);

        int[] pruned = ReportAll(study.Ask(), [.. BestScoresLowFirst.Select((b, i) => b - (0.1 * (i + 1)))]);

        Assert.Equal(3, pruned[0]);
    }

    [Theory]
    [InlineData(StudyDirection.Minimize, -1.0)]
    [InlineData(StudyDirection.Maximize, 1.0)]
    public void Prune_BetterOnEveryInstance_NeverPrunes(StudyDirection direction, double shift)
    {
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 0.5 }), direction);
        AddComplete(study, 4.55, BestScores);

        Assert.Empty(ReportAll(study.Ask(), [.. BestScores.Select(b => b + shift)]));
    }

    [Fact]
    public void Prune_SmallerPThreshold_NeedsMorePairs()
    {
        // PThreshold 0.05: 2⁻⁴ = 0.0625 is not below it, 2⁻⁵ = 0.03125 is: the fifth step prunes.
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 0.05 }));
        AddComplete(study, 4.55, BestScores);

        int[] pruned = ReportAll(study.Ask(), [.. BestScores.Select(b => b + 1)]);

        Assert.Equal(4, pruned[0]);
    }

    [Theory]
    // With PThreshold 1 any p < 1 prunes, so only the startup rule holds the trial back. StartupSteps 0 and 1 act
    // as 2: the first step never prunes (one pair), the second does (p = 0.25). StartupSteps 6: the sixth step.
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(6, 5)]
    public void Prune_StartupSteps_HoldsTheTrialUntilThatManySharedSteps(int startupSteps, int firstPruned)
    {
        var options = new WilcoxonPrunerOptions { PThreshold = 1.0, StartupSteps = startupSteps };
        var study = Create(new WilcoxonPruner(options));
        AddComplete(study, 4.55, BestScores);

        int[] pruned = ReportAll(study.Ask(), [.. BestScores.Select(b => b + 1)]);

        Assert.Equal(firstPruned, pruned[0]);
    }

    [Fact]
    public void Prune_EqualOnEveryInstance_NeverPrunes()
    {
        // All differences are zero: they split their ranks, T⁺ is fixed at its mean and p = 1.
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }));
        AddComplete(study, 4.55, BestScores);

        Assert.Empty(ReportAll(study.Ask(), BestScores));
    }

    [Fact]
    public void Prune_TestSaysWorseButMeanIsBetter_KeepsTheTrial()
    {
        // Differences +0.1, …, +0.9 and −100 on the tenth instance: the −100 has rank 10, T⁺ = 45, and
        // P(T⁺ ≥ 45) = 43/1024 ≈ 0.042 < 0.1 (43 subsets of 1..10 sum to at most 10). But the trial's mean is 9.55
        // below the best's, so it could still become the best: kept. With −1 instead of −100 the same p-value prunes,
        // since the mean is then 0.35 worse.
        double[] differences = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, -100];
        var study = Create(new WilcoxonPruner());
        AddComplete(study, 4.55, BestScores);
        var trial = study.Ask();
        for (int i = 0; i < 10; i++)
        {
            trial.Report(BestScores[i] + differences[i], i);
        }

        bool better = trial.ShouldPrune();
        differences[9] = -1;
        var other = study.Ask();
        for (int i = 0; i < 10; i++)
        {
            other.Report(BestScores[i] + differences[i], i);
        }

        Assert.False(better);
        Assert.True(other.ShouldPrune());
    }

    [Fact]
    public void Prune_MeanSafetyRule_UsesEachTrialsMeanOverAllItsSteps()
    {
        // The best trial scored 0 on instances 0..3 and 10 on 4..9 (mean 6). The trial reports 1, 2, 3, 4 on
        // instances 0..3: worse on each, p = 2⁻⁴ = 0.0625 < 0.1, but its mean 2.5 is better than 6, so it is kept (as
        // Optuna compares the means of all reported values; over the shared steps the best's mean would be 0).
        var study = Create(new WilcoxonPruner());
        AddComplete(study, 6.0, 0.0, 0.0, 0.0, 0.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0);

        Assert.Empty(ReportAll(study.Ask(), 1.0, 2.0, 3.0, 4.0));
    }

    [Fact]
    public void Prune_ComparesWithTheBestCompleteTrial()
    {
        // Trial 0 (value 1) is the best; trial 1 (value 9) reported very bad scores and pruned/failed trials with
        // better scores do not count. The new trial is worse than trial 0 on every instance: pruned at step 3.
        var study = Create(new WilcoxonPruner());
        AddComplete(study, 1.0, BestScores);
        AddComplete(study, 9.0, [.. BestScores.Select(b => b + 100)]);
        study.AddTrial(new FrozenTrial
        {
            State = TrialState.Pruned, Values = [0.0],
            IntermediateValues = new Dictionary<int, double> { [0] = -100, [1] = -100, [2] = -100, [3] = -100 },
        });

        int[] pruned = ReportAll(study.Ask(), [.. BestScores.Select(b => b + 1)]);

        Assert.Equal(3, pruned[0]);
    }

    [Fact]
    public void Prune_StepsInAnyOrder_ArePairedByStep()
    {
        // Instances in the order 9, 2, 5, 0, each 1 worse than the best: paired by id, p = 2⁻⁴ at the fourth.
        var study = Create(new WilcoxonPruner());
        AddComplete(study, 4.55, BestScores);
        var trial = study.Ask();

        var pruned = new[] { 9, 2, 5, 0 }.Where(step => ReportAndAsk(trial, BestScores[step] + 1, step)).ToArray();

        Assert.Equal([0], pruned);
    }

    [Fact]
    public void Prune_NoCompletedTrial_ReturnsFalse()
    {
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }));

        Assert.Empty(ReportAll(study.Ask(), 1.0, 2.0, 3.0));
    }

    [Fact]
    public void Prune_BestTrialWithoutIntermediateValues_ReturnsFalseAndWarnsOnce()
    {
        var logs = new CapturingLoggerFactory();
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }), logs: logs);
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.1] });

        Assert.Empty(ReportAll(study.Ask(), 1.0, 2.0, 3.0));
        Assert.Empty(ReportAll(study.Ask(), 1.0, 2.0, 3.0));
        var warning = Assert.Single(logs.Warnings);
        Assert.Equal(HoneEventIds.PrunerCannotCompare, warning.EventId);
        Assert.Contains(
            "the best trial (0) reported no intermediate values", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_NoSharedSteps_ReturnsFalse()
    {
        // The best trial reported instances 0..9; the trial reports 10..13, which it cannot pair.
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }));
        AddComplete(study, 4.55, BestScores);
        var trial = study.Ask();

        var pruned = Enumerable.Range(10, 4).Where(step => ReportAndAsk(trial, 100.0, step)).ToArray();

        Assert.Empty(pruned);
    }

    [Fact]
    public void Prune_SomeStepsMissingInTheBestTrial_ComparesTheSharedOnesAndWarns()
    {
        // The best trial reported instances 0..3 only. The trial reports 0..3 worse by 1 and then 20, 21: the
        // shared four still give p = 0.0625 < 0.1 (and its mean is worse), so it is pruned; the warning names the
        // missing steps once.
        var logs = new CapturingLoggerFactory();
        var study = Create(new WilcoxonPruner(), logs: logs);
        AddComplete(study, 4.25, 5.0, 3.0, 8.0, 1.0);
        var trial = study.Ask();
        ReportAll(trial, 6.0, 4.0, 9.0, 2.0); // Means 5.25, then 41/6 ≈ 6.83, against 4.25.
        trial.Report(10.0, 20);
        trial.Report(10.0, 21);

        Assert.True(trial.ShouldPrune());
        var warning = Assert.Single(logs.Warnings);
        Assert.Contains("lacks steps this trial reported", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Prune_NonFiniteValueInTheTrial_ReturnsFalse(double bad)
    {
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }));
        AddComplete(study, 4.55, BestScores);

        Assert.Empty(ReportAll(study.Ask(), bad, BestScores[1] + 1, BestScores[2] + 1, BestScores[3] + 1));
    }

    [Fact]
    public void Prune_NonFiniteValueInTheBestTrial_ReturnsFalse()
    {
        var study = Create(new WilcoxonPruner(new WilcoxonPrunerOptions { PThreshold = 1.0 }));
        AddComplete(study, 4.55, double.NaN, 3.0, 8.0, 1.0, 4.0);

        Assert.Empty(ReportAll(study.Ask(), 100.0, 100.0, 100.0, 100.0, 100.0));
    }

    [Fact]
    public void Prune_TwoObjectivesWithPruningObjective1_ComparesWithTheBestByThatObjectiveAndDirection()
    {
        // Objective 1 is maximized, so trial B (objective 1 = 9) is the best, not A (objective 0 is lower, but it
        // is not the one that intermediate values track). The trial scores 1 below B on every instance: all
        // differences −1, tied, T⁺ = 0 and p = P(T⁺ ≤ 0) = 2⁻ⁿ, 0.0625 at the fourth step. Against A (scores 2 below
        // B) it would be better everywhere and never pruned; minimizing, p would be 1.
        var study = CreateTwoObjectives(new WilcoxonPruner());
        AddComplete(study, [0.0, 1.0], [.. BestScoresLowFirst.Select(b => b - 2)]);
        AddComplete(study, [5.0, 9.0], BestScoresLowFirst);

        int[] pruned = ReportAll(study.Ask(), [.. BestScoresLowFirst.Select(b => b - 1)]);

        Assert.Equal(3, pruned[0]);
    }
}
