using Hone.Distributions;
using Hone.Samplers;
using Hone.Storages;
using Hone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hone.Tests;

/// <summary>A study trial keeps suggested parameters for <see cref="StudyOptions.ParameterWriteDelay"/> and writes
/// them in one call: on a timer, or before any other write of the trial.</summary>
public sealed class ParameterWriteDelayTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);

    /// <summary>Returns an in-memory storage behind a wrapper, as a database is: <see cref="InMemoryStorage"/>
    /// itself writes each parameter at once.</summary>
    private static RecordingStorage Backend() => new(new InMemoryStorage());

    private Study Open(TrialStorage storage, TimeSpan? delay = null, Sampler? sampler = null) =>
        Study.Create(new StudyOptions
        {
            Name = "s",
            Storage = storage,
            LoadIfExists = true,
            TimeProvider = _clock,
            Sampler = sampler ?? new RandomSampler(0),
            ParameterWriteDelay = delay ?? TimeSpan.FromMilliseconds(20),
        });

    /// <summary>Runs one trial that suggests x and y, so that the study object knows both names.</summary>
    private static void FirstTrial(Study study)
    {
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        trial.SuggestFloat("y", 0, 1);
        study.Tell(trial, 0);
    }

    private static FrozenTrial Stored(Study study, Trial trial) =>
        study.Storage.GetAllTrials(study.StudyId)[trial.Number];

    [Fact]
    public void StudyOptions_ParameterWriteDelay_DefaultsTo20Milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(20), new StudyOptions().ParameterWriteDelay);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3_600_001)]
    public void Create_ParameterWriteDelayOutOfRange_Throws(double milliseconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Open(Backend(), TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Contains("0 <= ParameterWriteDelay <= 1 hour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_InMemoryStorage_WritesAtOnceWhateverTheDelay()
    {
        var storage = new InMemoryStorage();
        var study = Open(storage, TimeSpan.FromSeconds(1));
        FirstTrial(study);
        var trial = study.Ask();

        trial.SuggestFloat("x", 0, 1);

        Assert.Equal(["x"], Stored(study, trial).Params.Keys);
    }

    [Fact]
    public void Optimize_KnownNames_WritesATrialsParametersInOneCall()
    {
        var storage = Backend();
        var study = Open(storage);

        study.Optimize(t => Enumerable.Range(0, 10).Sum(i => t.SuggestFloat($"p{i}", 0, 1)), trials: 3);

        // The first trial writes each new name at once, so that the storage can refuse it from the suggestion.
        Assert.Equal(10, storage.Writes.Count(w => w.Trial == 0 && w.Names.Length == 1));
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => $"p{i}"), Assert.Single(storage.Writes, w => w.Trial == 1).Names);
        Assert.Single(storage.Writes, w => w.Trial == 2);
        Assert.All(study.Trials, t => Assert.Equal(10, t.Params.Count));
    }

    [Fact]
    public void Suggest_ZeroDelay_WritesEachParameterAtOnce()
    {
        var storage = Backend();
        var study = Open(storage, TimeSpan.Zero);
        FirstTrial(study);
        var trial = study.Ask();

        trial.SuggestFloat("x", 0, 1);

        Assert.Equal(["x"], Stored(study, trial).Params.Keys);
        trial.SuggestFloat("y", 0, 1);
        Assert.Equal(["x", "y"], Stored(study, trial).Params.Keys);
        Assert.All(storage.Writes, w => Assert.Single(w.Names));
    }

    [Fact]
    public void Suggest_KnownName_IsWrittenWhenTheDelayHasPassed()
    {
        var study = Open(Backend());
        FirstTrial(study);
        var trial = study.Ask();

        trial.SuggestFloat("x", 0, 1);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        trial.SuggestFloat("y", 0, 1);

        Assert.Empty(Stored(study, trial).Params);
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(trial.Params, Stored(study, trial).Params);
    }

    [Fact]
    public void ReportAndTell_PendingParameters_AreWrittenFirst()
    {
        var storage = Backend();
        var study = Open(storage);
        FirstTrial(study);
        var trial = study.Ask();
        storage.Calls.Clear();

        trial.SuggestFloat("x", 0, 1);
        trial.Report(0.5, 0);
        trial.SuggestFloat("y", 0, 1);
        trial.SetUserAttribute("k", 1);
        trial.SuggestFloat("z", 0, 1);
        var finished = study.Tell(trial, 1);

        Assert.Equal(["one x", "report", "one y", "attribute", "one z", "state Complete"], storage.Calls);
        Assert.Equal(["x", "y", "z"], finished.Params.Keys);
    }

    [Fact]
    public void TellByNumber_PendingParameters_AreWrittenFirst()
    {
        var study = Open(Backend());
        FirstTrial(study);
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        trial.SuggestFloat("y", 0, 1);

        var finished = study.Tell(trial.Number, [1.0]);

        Assert.Equal(trial.Params, finished.Params);
    }

    [Fact]
    public void Suggest_ConflictWithAnotherTrial_ThrowsFromTheSuggestion()
    {
        var storage = Backend();
        var study = Open(storage);
        FirstTrial(study);
        var other = Open(storage);
        var trial = study.Ask();
        var fresh = other.Ask();

        Assert.Throws<IncompatibleDistributionException>(() => trial.SuggestFloat("x", 1, 2, log: true));
        Assert.Throws<IncompatibleDistributionException>(() => fresh.SuggestInt("y", 0, 1));
        trial.SuggestFloat("x", 0, 5);
        study.Tell(trial, 1);
        Assert.Equal(5.0, ((FloatDistribution)Stored(study, trial).Distributions["x"]).High);
    }

    [Fact]
    public void Tell_TimerWriteFailed_RethrowsItAndFailsTheTrial()
    {
        var storage = Backend();
        var study = Open(storage);
        FirstTrial(study);
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        storage.Fault = new IncompatibleDistributionException("raced");

        _clock.Advance(TimeSpan.FromMilliseconds(20));
        var error = Assert.Throws<IncompatibleDistributionException>(() => study.Tell(trial, 1));

        Assert.Equal("raced", error.Message);
        var failed = Stored(study, trial);
        Assert.Equal(TrialState.Fail, failed.State);
        Assert.Contains("raced", (string)failed.SystemAttributes[Study.FailReasonKey]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_TimerWriteFailed_RethrowsItThenWritesOnTheNextTry()
    {
        var storage = Backend();
        var study = Open(storage);
        FirstTrial(study);
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 1);
        storage.Fault = new TimeoutException("unreachable");

        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Throws<TimeoutException>(() => trial.Report(0.5, 0));
        storage.Fault = null;
        trial.Report(0.5, 0);

        Assert.Equal(["x"], Stored(study, trial).Params.Keys);
        Assert.Equal(0.5, Stored(study, trial).IntermediateValues[0]);
    }

    [Fact]
    public void Suggest_AfterTell_ThrowsAtOnce()
    {
        var study = Open(Backend());
        FirstTrial(study);
        var trial = study.Ask();
        study.Tell(trial, 1);

        Assert.Throws<FinishedTrialUpdateException>(() => trial.SuggestFloat("x", 0, 1));
    }

    [Fact]
    public void ConstantLiarTpe_TwoWorkersOnOneStorage_SeeEachOthersRunningParametersAfterTheDelay()
    {
        var storage = Backend();
        var tpe = new TpeSamplerOptions { ConstantLiar = true, StartupTrials = 2, Seed = 1 };
        var a = Open(storage, sampler: new TpeSampler(tpe));
        var b = Open(storage, sampler: new TpeSampler(tpe));
        for (int i = 0; i < 3; i++)
        {
            FirstTrial(i % 2 == 0 ? a : b);
        }

        var running = a.Ask();
        double x = running.SuggestFloat("x", 0, 1);
        Assert.Empty(b.Trials[running.Number].Params);

        _clock.Advance(TimeSpan.FromMilliseconds(20));
        var seen = b.Trials[running.Number];
        var next = b.Ask();
        next.SuggestFloat("x", 0, 1);

        Assert.Equal(TrialState.Running, seen.State);
        Assert.Equal(x, seen.Params["x"]);
        b.Tell(next, 0);
        a.Tell(running, 0);
    }

    /// <summary>Records the trial writes that go through it, and throws <see cref="Fault"/> from parameter writes
    /// while it is set.</summary>
    private sealed class RecordingStorage(TrialStorage inner) : DelegatingStorage(inner)
    {
        public List<(int Trial, string[] Names)> Writes { get; } = [];

        public List<string> Calls { get; } = [];

        public Exception? Fault { get; set; }

        public override void SetTrialParameter(
            long trialId, string name, double internalValue, Distribution distribution)
        {
            Record(trialId, [name]);
            base.SetTrialParameter(trialId, name, internalValue, distribution);
        }

        public override void SetTrialParameters(long trialId, IReadOnlyList<TrialParameter> parameters)
        {
            Record(trialId, [.. parameters.Select(p => p.Name)]);
            Inner.SetTrialParameters(trialId, parameters);
        }

        public override void SetTrialIntermediateValue(long trialId, int step, double value)
        {
            Calls.Add("report");
            base.SetTrialIntermediateValue(trialId, step, value);
        }

        public override void SetTrialUserAttribute(long trialId, string key, object? value)
        {
            Calls.Add("attribute");
            base.SetTrialUserAttribute(trialId, key, value);
        }

        public override FrozenTrial SetTrialState(
            long trialId, TrialState state, IReadOnlyList<double>? values = null)
        {
            Calls.Add($"state {state}");
            return base.SetTrialState(trialId, state, values);
        }

        private void Record(long trialId, string[] names)
        {
            if (Fault is { } fault)
            {
                throw fault;
            }

            lock (Writes)
            {
                Writes.Add((GetTrial(trialId).Number, names));
                Calls.Add((names.Length == 1 ? "one " : "batch ") + string.Join(",", names));
            }
        }
    }
}
