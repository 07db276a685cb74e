using Hone.Distributions;
using Hone.Storages;

namespace Hone.Tests.Storages;

/// <summary>States the storage contract once; every backend's test class inherits it.</summary>
public abstract class StorageContractTests : IDisposable
{
    private readonly TrialStorage _storage;

    protected StorageContractTests()
    {
        _storage = CreateStorage();
    }

    public void Dispose()
    {
        _storage.Dispose();
        DeleteBackend();
        GC.SuppressFinalize(this);
    }

    protected abstract TrialStorage CreateStorage();

    /// <summary>Removes what <see cref="CreateStorage"/> made besides the storage object (files, databases); runs
    /// after the storage is disposed.</summary>
    protected virtual void DeleteBackend()
    {
    }

    [Fact]
    public void CreateStudy_DuplicateName_Throws()
    {
        _storage.CreateStudy("s", [StudyDirection.Minimize]);

        Assert.Throws<DuplicateStudyException>(() => _storage.CreateStudy("s", [StudyDirection.Maximize]));
    }

    [Fact]
    public void Studies_AreListedFoundAndDeleted()
    {
        long a = _storage.CreateStudy("a", [StudyDirection.Minimize]);
        long b = _storage.CreateStudy("b", [StudyDirection.Minimize, StudyDirection.Maximize]);
        _storage.CreateTrial(a);

        Assert.Equal(b, _storage.FindStudyId("b"));
        Assert.Null(_storage.FindStudyId("c"));
        Assert.Equal([StudyDirection.Minimize, StudyDirection.Maximize], _storage.GetStudyDirections(b));
        Assert.Equal(["a", "b"], _storage.GetAllStudies().Select(s => s.Name));
        Assert.Equal(1, _storage.GetAllStudies()[0].TrialCount);

        _storage.DeleteStudy(a);

        Assert.Null(_storage.FindStudyId("a"));
        Assert.Throws<StudyNotFoundException>(() => _storage.GetStudyName(a));
    }

    [Fact]
    public void CreateTrial_ManyThreads_NumbersDenseAndUnique()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => _storage.CreateTrial(study));

        Assert.Equal(Enumerable.Range(0, 400), _storage.GetAllTrials(study).Select(t => t.Number));
    }

    [Fact]
    public void ClaimWaitingTrial_ManyThreads_EachTrialClaimedOnce()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        for (int i = 0; i < 50; i++)
        {
            _storage.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        }

        var claimed = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 80, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (_storage.ClaimWaitingTrial(study) is { } trial)
            {
                claimed.Add(trial.Number);
            }
        });

        Assert.Equal(Enumerable.Range(0, 50), claimed.Order());
        Assert.All(_storage.GetAllTrials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void StartTrial_ClaimsTheOldestWaitingTrialElseCreatesOne()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        _storage.CreateTrial(study);
        _storage.CreateTrial(study, new FrozenTrial
        {
            State = TrialState.Waiting,
            UserAttributes = new Dictionary<string, object?> { ["queued"] = "first" },
        });
        _storage.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });

        var claimed = _storage.StartTrial(study);
        var next = _storage.StartTrial(study);
        var created = _storage.StartTrial(study);

        Assert.Equal(
            (1, TrialState.Running, "first"), (claimed.Number, claimed.State, claimed.UserAttributes["queued"]));
        Assert.NotNull(claimed.StartedAt);
        Assert.Equal((2, TrialState.Running), (next.Number, next.State));
        Assert.Equal((3, TrialState.Running), (created.Number, created.State));
        var stored = _storage.GetTrial(created.TrialId);
        Assert.Equal((created.Number, created.StartedAt), (stored.Number, stored.StartedAt));
        Assert.All(_storage.GetAllTrials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void StartTrial_MissingStudy_ThrowsStudyNotFound()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        _storage.DeleteStudy(study);

        Assert.Throws<StudyNotFoundException>(() => _storage.StartTrial(study));
    }

    [Fact]
    public void StartTrial_ManyThreads_ClaimsEachWaitingTrialOnceAndNumbersStayDense()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        for (int i = 0; i < 20; i++)
        {
            _storage.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        }

        var started = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            _ => started.Add(_storage.StartTrial(study).Number));

        Assert.Equal(Enumerable.Range(0, 60), started.Order());
        Assert.Equal(Enumerable.Range(0, 60), _storage.GetAllTrials(study).Select(t => t.Number));
        Assert.All(_storage.GetAllTrials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void FinishedTrial_NeverChanges()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        long trial = _storage.CreateTrial(study).TrialId;
        _storage.SetTrialState(trial, TrialState.Complete, [1.0]);

        Assert.Throws<FinishedTrialUpdateException>(() => _storage.SetTrialState(trial, TrialState.Fail));
        Assert.Throws<FinishedTrialUpdateException>(() => _storage.SetTrialIntermediateValue(trial, 0, 1));
        Assert.Throws<FinishedTrialUpdateException>(() => _storage.SetTrialUserAttribute(trial, "k", 1));
        Assert.Throws<FinishedTrialUpdateException>(
            () => _storage.SetTrialParameter(trial, "x", 0.5, new FloatDistribution(0, 1)));
        Assert.Equal([1.0], _storage.GetTrial(trial).Values!);
    }

    [Fact]
    public void Snapshot_DoesNotChangeWhenTrialDoes()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        long trial = _storage.CreateTrial(study).TrialId;
        var before = _storage.GetTrial(trial);

        _storage.SetTrialParameter(trial, "x", 0.5, new FloatDistribution(0, 1));
        _storage.SetTrialIntermediateValue(trial, 0, 0.1);

        Assert.Empty(before.Params);
        Assert.Empty(before.IntermediateValues);
        Assert.Equal(0.5, _storage.GetTrial(trial).Params["x"]);
    }

    [Fact]
    public void SetTrialParameter_ConflictingDistributionInStudy_Throws()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        _storage.SetTrialParameter(
            _storage.CreateTrial(study).TrialId, "c", 0, new CategoricalDistribution(["a", "b"]));
        _storage.SetTrialParameter(_storage.CreateTrial(study).TrialId, "x", 1, new FloatDistribution(1, 10));
        long third = _storage.CreateTrial(study).TrialId;

        Assert.Throws<IncompatibleDistributionException>(
            () => _storage.SetTrialParameter(third, "c", 0, new CategoricalDistribution(["a", "c"])));
        Assert.Throws<IncompatibleDistributionException>(
            () => _storage.SetTrialParameter(third, "x", 1, new FloatDistribution(1, 10, log: true)));
        _storage.SetTrialParameter(third, "x", 15, new FloatDistribution(1, 20));
        Assert.Equal(15.0, _storage.GetTrial(third).Params["x"]);
    }

    [Fact]
    public void SetTrialParameters_NewAndKnownNames_WritesAllInTheOrderGiven()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        var choice = new CategoricalDistribution(["a", "b"]);
        long first = _storage.CreateTrial(study).TrialId;
        long second = _storage.CreateTrial(study).TrialId;

        _storage.SetTrialParameters(first, [new("x", 0.5, new FloatDistribution(0, 1)), new("c", 1, choice)]);
        _storage.SetTrialParameter(second, "a", 2, new IntDistribution(0, 5));
        _storage.SetTrialParameters(second, [new("c", 0, choice), new("x", 0.25, new FloatDistribution(0, 1))]);
        _storage.SetTrialParameters(second, []);

        Assert.Equal(["x", "c"], _storage.GetTrial(first).Params.Keys);
        var read = _storage.GetTrial(second);
        Assert.Equal(["a", "c", "x"], read.Params.Keys);
        Assert.Equal([2L, "a", 0.25], read.Params.Values);
        Assert.Equal(choice, read.Distributions["c"]);
    }

    [Fact]
    public void SetTrialParameters_ConflictingDistributionInStudy_ThrowsAndWritesNotTheConflict()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        _storage.SetTrialParameter(_storage.CreateTrial(study).TrialId, "x", 1, new FloatDistribution(1, 10));
        long trial = _storage.CreateTrial(study).TrialId;

        Assert.Throws<IncompatibleDistributionException>(() => _storage.SetTrialParameters(trial,
            [new("y", 0.5, new FloatDistribution(0, 1)), new("x", 1, new FloatDistribution(1, 10, log: true))]));
        Assert.False(_storage.GetTrial(trial).Params.ContainsKey("x"));
    }

    [Fact]
    public void SetTrialParameters_FinishedTrial_ThrowsAndWritesNothing()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        _storage.SetTrialParameter(_storage.CreateTrial(study).TrialId, "x", 0.5, new FloatDistribution(0, 1));
        long trial = _storage.CreateTrial(study).TrialId;
        _storage.SetTrialState(trial, TrialState.Fail);

        Assert.Throws<FinishedTrialUpdateException>(() => _storage.SetTrialParameters(trial,
            [new("x", 0.5, new FloatDistribution(0, 1)), new("y", 0.5, new FloatDistribution(0, 1))]));
        Assert.Empty(_storage.GetTrial(trial).Params);
    }

    [Fact]
    public void Values_AndAttributes_RoundTripExactly()
    {
        long study = _storage.CreateStudy("ünïcödé study ✓", [StudyDirection.Minimize, StudyDirection.Maximize]);
        long trial = _storage.CreateTrial(study).TrialId;
        string longText = new('x', 100_000);

        _storage.SetTrialUserAttribute(trial, "text", longText);
        _storage.SetTrialUserAttribute(trial, "nested", new Dictionary<string, object> { ["a"] = new[] { 1, 2 } });
        _storage.SetTrialSystemAttribute(trial, "nan", double.NaN);
        _storage.SetTrialIntermediateValue(trial, 3, double.NegativeInfinity);
        _storage.SetTrialParameter(trial, "choice", 1, new CategoricalDistribution([null, 2, "two", 2.0, false]));
        _storage.SetTrialState(trial, TrialState.Complete, [double.PositiveInfinity, double.NegativeInfinity]);
        var read = _storage.GetTrial(trial);

        Assert.Equal("ünïcödé study ✓", _storage.GetStudyName(study));
        Assert.Equal(longText, read.UserAttributes["text"]);
        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(read.UserAttributes["nested"]);
        Assert.Equal(new object[] { 1L, 2L }, ((IEnumerable<object?>)nested["a"]!).ToArray());
        Assert.True(double.IsNaN((double)read.SystemAttributes["nan"]!));
        Assert.Equal(double.NegativeInfinity, read.IntermediateValues[3]);
        Assert.IsType<int>(read.Params["choice"]);
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], read.Values!);
    }

    [Fact]
    public void FindBestTrial_FollowsDirectionAndIgnoresUnfinished()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Maximize]);
        foreach (double value in new[] { 1.0, 5.0, 3.0 })
        {
            _storage.SetTrialState(_storage.CreateTrial(study).TrialId, TrialState.Complete, [value]);
        }

        _storage.CreateTrial(study);
        _storage.SetTrialState(_storage.CreateTrial(study).TrialId, TrialState.Fail);

        Assert.Equal(1, _storage.FindBestTrial(study)!.Number);
        Assert.Equal(3, _storage.GetAllTrials(study, [TrialState.Complete]).Count);
        Assert.Single(_storage.GetAllTrials(study, [TrialState.Running]));
    }

    [Fact]
    public void CreateTrial_FromTemplate_KeepsEverything()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        var template = new FrozenTrial
        {
            State = TrialState.Complete,
            Values = [0.25],
            Params = new Dictionary<string, object?> { ["n"] = 3L },
            Distributions = new Dictionary<string, Distribution> { ["n"] = new IntDistribution(1, 4) },
            IntermediateValues = new Dictionary<int, double> { [0] = 0.5 },
            UserAttributes = new Dictionary<string, object?> { ["u"] = "v" },
        };

        var created = _storage.CreateTrial(study, template);

        Assert.Equal(0, created.Number);
        Assert.Equal(3L, created.Params["n"]);
        Assert.Equal(0.5, created.IntermediateValues[0]);
        Assert.Equal("v", created.UserAttributes["u"]);
        Assert.NotNull(created.CompletedAt);
    }

    // NOTE(hone): heartbeats are judged at the storage's clock, which for PostgreSQL and MySQL is the database
    // server's and cannot be faked, so this test waits for real (about a second); StudyHeartbeatTests covers the
    // sweep's rules on a fake clock.
    [Fact]
    public void FailStaleTrials_OldHeartbeatOnly_FailedOnceWithItsReason()
    {
        long study = _storage.CreateStudy("s", [StudyDirection.Minimize]);
        var stale = _storage.CreateTrial(study);
        var fresh = _storage.CreateTrial(study);
        var silent = _storage.CreateTrial(study);
        if (!_storage.SupportsHeartbeats)
        {
            Assert.Throws<NotSupportedException>(() => _storage.RecordHeartbeat(stale.TrialId));
            Assert.Throws<NotSupportedException>(() => _storage.FailStaleTrials(study, TimeSpan.FromSeconds(1)));
            return;
        }

        _storage.RecordHeartbeat(stale.TrialId);
        Thread.Sleep(TimeSpan.FromSeconds(1.2));
        _storage.RecordHeartbeat(fresh.TrialId);

        var failed = _storage.FailStaleTrials(study, TimeSpan.FromSeconds(1));
        var again = _storage.FailStaleTrials(study, TimeSpan.FromSeconds(1));

        var trial = Assert.Single(failed);
        Assert.Equal(stale.TrialId, trial.TrialId);
        Assert.Equal(TrialState.Fail, trial.State);
        Assert.NotNull(trial.CompletedAt);
        Assert.Contains("heartbeat", (string)trial.SystemAttributes[Study.FailReasonKey]!, StringComparison.Ordinal);
        Assert.Empty(again);
        Assert.Equal(TrialState.Running, _storage.GetTrial(fresh.TrialId).State);
        Assert.Equal(TrialState.Running, _storage.GetTrial(silent.TrialId).State);
        Assert.Throws<FinishedTrialUpdateException>(() => _storage.RecordHeartbeat(stale.TrialId));
    }
}
