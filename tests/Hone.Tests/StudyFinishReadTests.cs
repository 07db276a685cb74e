using System.Globalization;
using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests;

/// <summary>When a study reads a trial's stored copy before finishing it: only when something needs what others
/// may have written to it, since for a database each read is a round trip per trial.</summary>
public sealed class StudyFinishReadTests
{
    public static TheoryData<string> LibrarySamplers => ["random", "tpe"];

    [Theory]
    [MemberData(nameof(LibrarySamplers))]
    public void Optimize_LibrarySampler_FinishesWithoutReadingTheTrialBack(string sampler)
    {
        var storage = new CountingStorage(new InMemoryStorage());
        var study = Study.Create(new StudyOptions
        {
            Storage = storage,
            Sampler = sampler == "random" ? new RandomSampler(1) : new TpeSampler(new TpeSamplerOptions { Seed = 1 }),
        });

        study.Optimize(t => t.SuggestFloat("x", 0, 1), trials: 20);

        Assert.Equal(0, storage.GetTrialCalls);
        Assert.Equal(20, study.GetTrials(TrialState.Complete).Count);
        Assert.All(study.Trials, t => Assert.Equal(t.Value, (double)t.Params["x"]!));
    }

    [Fact]
    public void Optimize_SamplerOfItsOwn_SeesWhatOthersWroteToTheTrial()
    {
        var storage = new CountingStorage(new InMemoryStorage());
        var sampler = new NotingSampler();
        var study = Study.Create(new StudyOptions { Storage = storage, Sampler = sampler });

        study.Optimize(t =>
        {
            // Written around the trial object, as another process or a pruner would.
            long id = storage.GetAllTrials(study.StudyId)[t.Number].TrialId;
            storage.SetTrialUserAttribute(id, "elsewhere", t.Number);
            return t.SuggestFloat("x", 0, 1);
        }, trials: 5);

        Assert.Equal(5, storage.GetTrialCalls);
        Assert.Equal([0, 1, 2, 3, 4], sampler.Seen);
    }

    [Fact]
    public void Optimize_TpeWithConstraints_GivesTheFunctionTheStoredTrial()
    {
        var storage = new CountingStorage(new InMemoryStorage());
        var seen = new List<object?>();
        var study = Study.Create(new StudyOptions
        {
            Storage = storage,
            Sampler = new TpeSampler(new TpeSamplerOptions
            {
                Seed = 3,
                Constraints = t =>
                {
                    seen.Add(t.UserAttributes.GetValueOrDefault("elsewhere"));
                    return [0.0];
                },
            }),
        });

        study.Optimize(t =>
        {
            long id = storage.GetAllTrials(study.StudyId)[t.Number].TrialId;
            storage.SetTrialUserAttribute(id, "elsewhere", t.Number);
            return t.SuggestFloat("x", 0, 1);
        }, trials: 4);

        Assert.Equal([0L, 1L, 2L, 3L], seen.Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)));
        Assert.Equal(4, storage.GetTrialCalls);
    }

    [Fact]
    public void Tell_LiveTrialFinishedThroughAnotherHandle_SaysSoAndKeepsThatState()
    {
        var storage = new InMemoryStorage();
        var worker = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = new RandomSampler(2) });
        var other = Study.Load(new StudyOptions { Name = "s", Storage = storage });
        var trial = worker.Ask();
        trial.SuggestFloat("x", 0, 1);
        other.Tell(trial.Number, TrialState.Fail);

        var error = Assert.Throws<FinishedTrialUpdateException>(() => worker.Tell(trial, 0.5));

        Assert.Equal(
            "Trial 0 of study 's' is already finished with state Fail; a trial is told only once.", error.Message);
        Assert.Equal(TrialState.Fail, worker.Trials[0].State);
        Assert.Null(worker.Trials[0].Values);
    }

    public static TheoryData<string> WrongTells => ["nan", "count", "fail-with-values", "running"];

    [Theory]
    [MemberData(nameof(WrongTells))]
    public void Tell_WrongArgumentsForATrialFinishedElsewhere_SaysItIsFinished(string tell)
    {
        // Found in review: without the read first, the arguments were refused as if the trial still ran.
        var storage = new InMemoryStorage();
        var worker = Study.Create(new StudyOptions { Name = "s", Storage = storage, Sampler = new RandomSampler(6) });
        var other = Study.Load(new StudyOptions { Name = "s", Storage = storage });
        var trial = worker.Ask();
        trial.SuggestFloat("x", 0, 1);
        other.Tell(trial.Number, TrialState.Fail);

        var error = Assert.Throws<FinishedTrialUpdateException>(() => _ = tell switch
        {
            "nan" => worker.Tell(trial, TrialState.Complete, [double.NaN]),
            "count" => worker.Tell(trial, TrialState.Complete, [1.0, 2.0]),
            "fail-with-values" => worker.Tell(trial, TrialState.Fail, [1.0]),
            _ => worker.Tell(trial, TrialState.Running),
        });

        Assert.Contains("already finished with state Fail", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Fail, worker.Trials[0].State);
    }

    [Fact]
    public void Tell_WrongArgumentsForARunningTrial_StillRefusesThemAndKeepsItRunning()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(7) });
        var trial = study.Ask();

        var error = Assert.Throws<ArgumentException>(() => study.Tell(trial, TrialState.Complete, [double.NaN]));

        Assert.Contains("stays running", error.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, study.Trials[0].State);
        Assert.Equal(TrialState.Complete, study.Tell(trial, 0.5).State);
    }

    [Fact]
    public void Tell_WaitingTrialByNumber_NamesTheNumberParameter()
    {
        var study = Study.Create();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });

        var error = Assert.Throws<ArgumentException>(() => study.Tell(0, [1.0]));

        Assert.Equal("trialNumber", error.ParamName);
        Assert.Contains("Trial 0 is Waiting, not running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_PrunedTrial_KeepsItsLastIntermediateValueFromStorage()
    {
        var storage = new CountingStorage(new InMemoryStorage());
        var study = Study.Create(new StudyOptions { Storage = storage, Sampler = new RandomSampler(4) });

        study.Optimize(double (t) =>
        {
            t.Report(0.25, 0);
            t.Report(0.75, 1);
            throw new TrialPrunedException();
        }, trials: 2);

        Assert.All(study.Trials, t => Assert.Equal((TrialState.Pruned, 0.75), (t.State, t.Value)));
        Assert.Equal(2, storage.GetTrialCalls);
    }

    /// <summary>Counts the reads of one trial.</summary>
    private sealed class CountingStorage(TrialStorage inner) : DelegatingStorage(inner)
    {
        private int _getTrialCalls;

        public int GetTrialCalls => Volatile.Read(ref _getTrialCalls);

        public override FrozenTrial GetTrial(long trialId)
        {
            Interlocked.Increment(ref _getTrialCalls);
            return base.GetTrial(trialId);
        }
    }

    /// <summary>A sampler from outside the library: draws at random and notes an attribute of each finished trial.
    /// </summary>
    private sealed class NotingSampler : Sampler
    {
        private readonly RandomSampler _random = new(5);

        public List<int> Seen { get; } = [];

        public override double SampleIndependent(
            Study study, FrozenTrial trial, string name, Distribution distribution) =>
            _random.SampleIndependent(study, trial, name, distribution);

        public override void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values)
        {
            Seen.Add(Convert.ToInt32(trial.UserAttributes["elsewhere"], CultureInfo.InvariantCulture));
        }
    }
}
