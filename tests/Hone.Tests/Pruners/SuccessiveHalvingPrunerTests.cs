using Hone.Pruners;
using Hone.Samplers;

namespace Hone.Tests.Pruners;

public sealed class SuccessiveHalvingPrunerTests
{
    private static Study NewStudy(SuccessiveHalvingPrunerOptions options, StudyDirection direction = default) =>
        Study.Create(new StudyOptions
        {
            Pruner = new SuccessiveHalvingPruner(options),
            Sampler = new RandomSampler(0),
            Direction = direction,
        });

    /// <summary>Runs a trial through its reports, asking the pruner after each; returns the step it was pruned at,
    /// or null when it completed.</summary>
    private static int? Run(Study study, IEnumerable<(int Step, double Value)> reports)
    {
        var trial = study.Ask();
        double last = double.NaN;
        foreach (var (step, value) in reports)
        {
            trial.Report(value, step);
            last = value;
            if (trial.ShouldPrune())
            {
                study.Tell(trial, TrialState.Pruned);
                return step;
            }
        }

        study.Tell(trial, last);
        return null;
    }

    private static IEnumerable<(int, double)> Steps(int count, Func<int, double> value, int every = 1) =>
        Enumerable.Range(0, count).Where(s => s % every == 0).Select(s => (s, value(s)));

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new SuccessiveHalvingPrunerOptions();

        Assert.Null(options.MinResource);
        Assert.Equal(4, options.ReductionFactor);
        Assert.Equal(0, options.MinEarlyStoppingRate);
        Assert.Equal(0, options.BootstrapCount);
    }

    [Theory]
    [InlineData(0, 4, 0, 0, "MinResource")]
    [InlineData(1, 1, 0, 0, "ReductionFactor")]
    [InlineData(1, 4, -1, 0, "MinEarlyStoppingRate")]
    [InlineData(1, 4, 0, -1, "BootstrapCount")]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(int min, int factor, int rate, int bootstrap, string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new SuccessiveHalvingPruner(new()
        {
            MinResource = min,
            ReductionFactor = factor,
            MinEarlyStoppingRate = rate,
            BootstrapCount = bootstrap,
        }));

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Constructor_BootstrapWithAutomaticMinResource_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SuccessiveHalvingPruner(new() { BootstrapCount = 2 }));

        Assert.Contains("MinResource", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_RungsAreInStepUnits_CheckedAtTheFirstReportAtOrPastTheRung()
    {
        // BC-21: min resource 10, factor 4. A good trial runs to the end and records its rung values; a worse one is
        // first stopped at step 10; one that reports every 7th step is first checked, and stopped, at step 14.
        var study = NewStudy(new() { MinResource = 10, ReductionFactor = 4 });

        int? good = Run(study, Steps(201, s => 1.0 / (s + 1)));
        int? worse = Run(study, Steps(201, s => 2.0 / (s + 1)));
        int? sparse = Run(study, Steps(201, s => 2.0 / (s + 1), every: 7));

        Assert.Null(good);
        Assert.Equal(10, worse);
        Assert.Equal(14, sparse);
    }

    [Fact]
    public void Prune_FirstTrial_PassesEveryRung()
    {
        var study = NewStudy(new() { MinResource = 1, ReductionFactor = 2 });

        Assert.Null(Run(study, Steps(50, s => 100 - s)));
        Assert.Equal(
            ["sh:rung_0", "sh:rung_1", "sh:rung_2", "sh:rung_3", "sh:rung_4", "sh:rung_5"],
            study.Trials[0].SystemAttributes.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(StudyDirection.Minimize, 2.0, false)]
    [InlineData(StudyDirection.Minimize, 2.5, true)]
    [InlineData(StudyDirection.Maximize, 3.0, false)]
    [InlineData(StudyDirection.Maximize, 2.5, true)]
    public void Prune_AtARung_PassesOnlyTheBestFractionOfTheTrialsThatReachedIt(
        StudyDirection direction, double value, bool pruned)
    {
        // Four trials recorded 1, 2, 3, 4 at rung 0 (step 1). With the new one there are n = 5 values and
        // ⌊5/2⌋ = 2 pass: minimizing, the second smallest is 2; maximizing, the second largest is 3.
        var study = NewStudy(new() { MinResource = 1, ReductionFactor = 2 }, direction);
        foreach (double recorded in (double[])[1, 2, 3, 4])
        {
            var earlier = study.Ask();
            study.Storage.SetTrialSystemAttribute(((LiveTrial)earlier).TrialId, "sh:rung_0", recorded);
            study.Tell(earlier, recorded);
        }

        var trial = study.Ask();
        trial.Report(value, 1);

        Assert.Equal(pruned, trial.ShouldPrune());
    }

    [Fact]
    public void Prune_NaNAtARung_Prunes_ButNotBeforeTheRung()
    {
        var study = NewStudy(new() { MinResource = 3, ReductionFactor = 2 });
        var trial = study.Ask();

        trial.Report(double.NaN, 2);
        bool before = trial.ShouldPrune();
        trial.Report(double.NaN, 3);
        bool at = trial.ShouldPrune();

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public void Prune_MinEarlyStoppingRate_MovesTheFirstRung()
    {
        // Min resource 1, factor 3, rate 2: the first rung is at step 9.
        var study = NewStudy(new() { MinResource = 1, ReductionFactor = 3, MinEarlyStoppingRate = 2 });
        Assert.Null(Run(study, Steps(30, _ => 0)));

        Assert.Equal(9, Run(study, Steps(30, _ => 1)));
    }

    [Fact]
    public void Prune_Bootstrap_StopsTrialsUntilEnoughReachedTheRung()
    {
        // Bootstrap 2: the first and second trials to reach the rung are stopped whatever their values; the third,
        // with n = 3 > 2 values, is judged (the best passes).
        var study = NewStudy(new() { MinResource = 1, ReductionFactor = 2, BootstrapCount = 2 });

        int? first = Run(study, Steps(5, _ => 5));
        int? second = Run(study, Steps(5, _ => 4));
        int? third = Run(study, Steps(2, _ => 1));

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Null(third);
    }

    [Fact]
    public void Prune_SkippedSteps_ChecksEveryRungPassedInOneCall()
    {
        // A trial that reports step 40 at once is checked at rungs 10 and 40 together: it records both values.
        var study = NewStudy(new() { MinResource = 10, ReductionFactor = 4 });
        var trial = study.Ask();

        trial.Report(0.5, 40);
        bool pruned = trial.ShouldPrune();

        Assert.False(pruned);
        var attributes = study.Storage.GetTrial(((LiveTrial)trial).TrialId).SystemAttributes;
        Assert.Equal(0.5, attributes["sh:rung_0"]);
        Assert.Equal(0.5, attributes["sh:rung_1"]);
        Assert.False(attributes.ContainsKey("sh:rung_2"));
    }

    [Fact]
    public void Prune_AutomaticMinResource_WaitsForACompletedTrialThenKeepsItOnTheStudy()
    {
        // The first completed trial reported up to step 249: min resource max(249 / 100, 1) = 2. It recorded no
        // rung while the resource was unknown, so the next trial is alone at each rung and passes; a worse one after
        // it is stopped at the first rung, step 2.
        var study = NewStudy(new() { ReductionFactor = 2 });
        var early = study.Ask();
        early.Report(100, 5);
        bool beforeAnyCompleted = early.ShouldPrune();
        study.Tell(early, TrialState.Pruned);

        Assert.Null(Run(study, Steps(250, _ => 1)));
        int? next = Run(study, Steps(250, _ => 2));
        int? worse = Run(study, Steps(250, _ => 3));

        Assert.False(beforeAnyCompleted);
        Assert.Null(next);
        Assert.Equal(2, worse);
        Assert.Equal(2L, study.Storage.GetStudySystemAttributes(study.StudyId)[SuccessiveHalvingPruner.MinResourceKey]);
    }

    [Fact]
    public void Prune_TrialWithoutReports_IsNotPruned()
    {
        var study = NewStudy(new() { MinResource = 1 });
        study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0.1] });
        var trial = study.Ask();

        Assert.False(trial.ShouldPrune());
    }
}
