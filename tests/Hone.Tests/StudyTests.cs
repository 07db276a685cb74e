using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Hone.Tests;

public sealed class StudyTests
{
    [Fact]
    public void Create_DefaultOptions_IsSingleObjectiveMinimize()
    {
        var study = Study.Create();

        Assert.Equal([StudyDirection.Minimize], study.Directions);
        Assert.StartsWith("no-name-", study.Name, StringComparison.Ordinal);
        Assert.IsType<TpeSampler>(study.Sampler);
        Assert.IsType<Hone.Pruners.NopPruner>(study.Pruner);
    }

    [Fact]
    public void Create_ExistingName_ThrowsUnlessLoadIfExists()
    {
        var storage = new InMemoryStorage();
        var first = Study.Create(new StudyOptions { Name = "s", Storage = storage });
        first.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 3);

        var error = Assert.Throws<DuplicateStudyException>(
            () => Study.Create(new StudyOptions { Name = "s", Storage = storage }));
        var again = Study.Create(new StudyOptions { Name = "s", Storage = storage, LoadIfExists = true });

        Assert.Contains("LoadIfExists", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, again.Trials.Count);
    }

    [Fact]
    public void Create_LoadIfExistsWithOtherDirections_Throws()
    {
        var storage = new InMemoryStorage();
        Study.Create(new StudyOptions { Name = "s", Storage = storage });

        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = storage,
            Direction = StudyDirection.Maximize,
            LoadIfExists = true,
        }));
    }

    [Fact]
    public void Create_DirectionAndDirections_Throws()
    {
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions
        {
            Direction = StudyDirection.Minimize,
            Directions = [StudyDirection.Minimize, StudyDirection.Maximize],
        }));
        Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Directions = [] }));
    }

    [Fact]
    public void LoadAndDelete_MissingStudy_ThrowStudyNotFound()
    {
        var storage = new InMemoryStorage();
        Study.Create(new StudyOptions { Name = "kept", Storage = storage });

        Assert.Throws<StudyNotFoundException>(() => Study.Load("missing", storage));
        Study.Delete("kept", storage);
        Assert.Throws<StudyNotFoundException>(() => Study.Load("kept", storage));
    }

    [Fact]
    public void BestAccessors_NoCompletedTrial_ThrowDedicatedError()
    {
        var study = Study.Create();
        study.Optimize(_ => double.NaN, trials: 2);

        var error = Assert.Throws<NoCompletedTrialsException>(() => study.BestTrial);
        Assert.Throws<NoCompletedTrialsException>(() => study.BestValue);
        Assert.Throws<NoCompletedTrialsException>(() => study.BestParams);

        Assert.Contains("2 fail", error.Message, StringComparison.Ordinal);
        Assert.Empty(study.BestTrials);
    }

    [Fact]
    public void BestTrial_Maximize_PicksLargestValue()
    {
        var study = Study.Create(new StudyOptions { Direction = StudyDirection.Maximize });
        double[] values = [1, 7, 3];
        int i = 0;

        study.Optimize(_ => values[i++], trials: 3);

        Assert.Equal(1, study.BestTrial.Number);
        Assert.Equal(7, study.BestValue);
    }

    [Fact]
    public void BestTrial_MultiObjective_ThrowsAndBestTrialsIsParetoFront()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize] });
        double[][] results = [[1, 1], [2, 3], [0, 0], [3, 2], [1, 1]];
        int i = 0;

        study.Optimize(_ => results[i++], trials: results.Length);

        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Equal([0, 1, 2, 4], study.BestTrials.Select(t => t.Number));
    }

    [Fact]
    public void Optimize_LogsEachFinishedTrialWithValueParamsAndBest()
    {
        var logs = new CapturingLoggerFactory();
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3), LoggerFactory = logs });
        double[] values = [0.5, 0.25, 0.75];
        int i = 0;

        study.Optimize(t => values[i++] + (0 * t.SuggestInt("n", 1, 4)), trials: 3);

        var finished = logs.Entries.Where(e => e.EventId == HoneEventIds.TrialCompleted).ToList();
        Assert.Equal(3, finished.Count);
        Assert.All(finished, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.Matches(
            @"^Trial 2 finished with value 0\.75 and parameters \{n: \d\}\. Best is trial 1 with value 0\.25\.$",
            finished[2].Message);
    }

    [Fact]
    public void Tell_PrunedWithAndWithoutReport_LogsTheStepOnlyWhenThereIsOne()
    {
        var logs = new CapturingLoggerFactory();
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3), LoggerFactory = logs });
        var silent = study.Ask();
        var reporting = study.Ask();
        reporting.SuggestInt("n", 1, 1);
        reporting.Report(0.5, 7);

        study.Tell(silent, TrialState.Pruned);
        study.Tell(reporting, TrialState.Pruned);

        var pruned = logs.Entries.Where(e => e.EventId == HoneEventIds.TrialPruned).Select(e => e.Message).ToList();
        Assert.Equal(
            ["Trial 0 pruned before reporting any step, with parameters {}.",
                "Trial 1 pruned at step 7 with parameters {n: 1}."],
            pruned);
    }

    [Fact]
    public void UserAttributes_RoundTrip()
    {
        var study = Study.Create();

        study.SetUserAttribute("dataset", "digits");

        Assert.Equal("digits", study.UserAttributes["dataset"]);
    }

    [Fact]
    public void Suggest_AcrossTrials_ConflictingDistributionsAreRejectedButRangeChangesAllowed()
    {
        var study = Study.Create();
        int call = 0;

        study.Optimize(t => t.SuggestFloat("x", 0, ++call), trials: 3);
        var choices = Assert.Throws<IncompatibleDistributionException>(
            () => study.Optimize(t => t.SuggestInt("x", 0, 3), trials: 1));

        Assert.Equal(3, study.GetTrials(TrialState.Complete).Count);
        Assert.Contains("'x'", choices.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, study.Trials[^1].State);
        Assert.Empty(study.Trials[^1].Params);
    }

    [Fact]
    public void AddTrial_CompleteTrial_IsStoredWithNextNumber()
    {
        var study = Study.Create();
        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 2);

        var added = study.AddTrial(new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [-1],
            Params = new Dictionary<string, object?> { ["x"] = 0.5 },
            Distributions = new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1) },
        });

        Assert.Equal(2, added.Number);
        Assert.Equal(2, study.BestTrial.Number);
    }

    [Fact]
    public void AddTrial_WrongArityOrRunning_Throws()
    {
        var study = Study.Create();

        Assert.Throws<ArgumentException>(
            () => study.AddTrial(new FrozenTrial { State = TrialState.Complete, Values = [0, 1] }));
        Assert.Throws<ArgumentException>(() => study.AddTrial(new FrozenTrial { State = TrialState.Running }));
        Assert.Empty(study.Trials);
    }
}
