using Hone.Distributions;
using Hone.Storages.Sql.Internal;
using Hone.Tests.Support;

namespace Hone.Storages.Sql.Tests;

/// <summary>Checks the single-statement writes to running trials and their refusals, on every engine: a write lands
/// only in a running trial, and otherwise fails as the locking path always did.</summary>
public abstract partial class RelationalStorageTests
{
    private static readonly FloatDistribution Unit = new(0, 1);

    private static readonly string[] Writes = ["parameter", "intermediate value", "attribute", "state", "heartbeat"];

    public static TheoryData<string> TrialWrites => new(Writes);

    [Fact]
    public void TrialWrites_RunningTrial_TakeOneStatementAndKeepSuggestionOrder()
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        storage.SetTrialParameter(storage.CreateTrial(study).TrialId, "b", 0.5, Unit);
        storage.SetTrialParameter(storage.CreateTrial(study).TrialId, "a", 0.5, Unit);
        long trial = storage.StartTrialWithHeartbeat(study).TrialId;
        long before = storage.LockingWrites;

        storage.SetTrialParameter(trial, "b", 0.25, Unit);
        storage.SetTrialParameter(trial, "a", 0.75, Unit);
        storage.SetTrialParameter(trial, "b", 0.5, Unit);
        storage.SetTrialIntermediateValue(trial, 0, 1.5);
        storage.SetTrialIntermediateValue(trial, 0, 2.5);
        storage.SetTrialUserAttribute(trial, "k", "v");
        storage.SetTrialSystemAttribute(trial, "k", 1);
        storage.RecordHeartbeat(trial);
        var finished = storage.SetTrialState(trial, TrialState.Complete, [3.0]);

        Assert.Equal(before, storage.LockingWrites);
        Assert.Equal(["b", "a"], finished.Params.Keys);
        Assert.Equal(0.5, finished.Params["b"]);
        Assert.Equal(2.5, finished.IntermediateValues[0]);
        Assert.Equal("v", finished.UserAttributes["k"]);
        Assert.Equal(TrialState.Complete, finished.State);
        Assert.Equal([3.0], finished.Values!);
        Assert.NotNull(finished.CompletedAt);
        TrialAssert.Same(finished, storage.GetTrial(trial));
    }

    [Fact]
    public void SetTrialParameters_KnownNames_TakeOneStatementAfterTheTrialsParameters()
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        var names = Enumerable.Range(0, 10).Select(i => $"p{i}").ToArray();
        storage.SetTrialParameters(
            storage.CreateTrial(study).TrialId, [.. names.Select(n => new TrialParameter(n, 0.5, Unit))]);
        long trial = storage.StartTrialWithHeartbeat(study).TrialId;
        storage.SetTrialParameter(trial, "p9", 0.125, Unit);
        long before = storage.LockingWrites;

        storage.SetTrialParameters(
            trial, [.. names[..9].Reverse().Select((n, i) => new TrialParameter(n, i / 10.0, Unit))]);

        Assert.Equal(before, storage.LockingWrites);
        var read = storage.GetTrial(trial);
        Assert.Equal(["p9", "p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1", "p0"], read.Params.Keys);
        Assert.Equal(0.0, read.Params["p8"]);
        Assert.Equal(0.8, read.Params["p0"]);
        Assert.Equal(0.125, read.Params["p9"]);
    }

    [Fact]
    public void SetTrialParameters_NameTheTrialHasOrOtherRange_TakesThePathOfEachAndKeepsPositions()
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        storage.SetTrialParameters(storage.CreateTrial(study).TrialId,
            [new("a", 0.5, Unit), new("b", 0.5, Unit), new("c", 0.5, Unit)]);
        long trial = storage.CreateTrial(study).TrialId;
        storage.SetTrialParameter(trial, "b", 0.5, Unit);

        storage.SetTrialParameters(trial, [new("a", 0.25, Unit), new("b", 0.75, Unit)]);
        storage.SetTrialParameters(trial, [new("c", 4, new FloatDistribution(0, 5)), new("d", 0.5, Unit)]);

        var read = storage.GetTrial(trial);
        Assert.Equal(["b", "a", "c", "d"], read.Params.Keys);
        Assert.Equal([0.75, 0.25, 4.0, 0.5], read.Params.Values);
    }

    [Fact]
    public void SetTrialParameter_NewNameOrOtherRange_TakesTheLockingPathAndWrites()
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        long trial = storage.CreateTrial(study).TrialId;
        long before = storage.LockingWrites;

        storage.SetTrialParameter(trial, "x", 0.5, Unit);
        storage.SetTrialParameter(trial, "y", 5, new FloatDistribution(0, 10));
        storage.SetTrialParameter(trial, "x", 2, new FloatDistribution(0, 2));

        Assert.Equal(before + 3, storage.LockingWrites);
        var read = storage.GetTrial(trial);
        Assert.Equal(["x", "y"], read.Params.Keys);
        Assert.Equal(2.0, read.Params["x"]);
        Assert.Equal(new FloatDistribution(0, 2), read.Distributions["x"]);
    }

    [Theory]
    [MemberData(nameof(TrialWrites))]
    public void TrialWrite_FinishedTrial_ThrowsAndWritesNothing(string write)
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        storage.SetTrialParameter(storage.CreateTrial(study).TrialId, "x", 0.5, Unit);
        long trial = storage.StartTrialWithHeartbeat(study).TrialId;
        var finished = storage.SetTrialState(trial, TrialState.Pruned);

        var error = Assert.Throws<FinishedTrialUpdateException>(() => Write(storage, trial, write));

        Assert.Contains("already finished (state Pruned)", error.Message, StringComparison.Ordinal);
        TrialAssert.Same(finished, storage.GetTrial(trial));
    }

    [Theory]
    [MemberData(nameof(TrialWrites))]
    public void TrialWrite_NoSuchTrial_ThrowsKeyNotFound(string write)
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        storage.SetTrialParameter(storage.CreateTrial(study).TrialId, "x", 0.5, Unit);

        var error = Assert.Throws<KeyNotFoundException>(() => Write(storage, 1_000_000, write));

        Assert.Contains("No trial with id 1000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrialWrites_TrialFailedBySweep_ThrowAndWriteNothing()
    {
        using var worker = OpenAnother();
        using var sweeper = OpenAnother();
        long study = worker.CreateStudy("s", Minimize);
        worker.SetTrialParameter(worker.CreateTrial(study).TrialId, "x", 0.5, Unit);
        long trial = worker.StartTrialWithHeartbeat(study).TrialId;

        var failed = Assert.Single(sweeper.FailStaleTrials(study, TimeSpan.Zero));

        Assert.Equal(trial, failed.TrialId);
        foreach (string write in Writes)
        {
            Assert.Throws<FinishedTrialUpdateException>(() => Write(worker, trial, write));
        }

        TrialAssert.Same(failed, worker.GetTrial(trial));
    }

    [Theory]
    [MemberData(nameof(TrialWrites))]
    public async Task TrialWrite_TrialFailedWhileTheWriteWaits_ThrowsAndWritesNothing(string write)
    {
        using var storage = OpenAnother();
        long study = storage.CreateStudy("s", Minimize);
        storage.SetTrialParameter(storage.CreateTrial(study).TrialId, "x", 0.5, Unit);
        long trial = storage.StartTrialWithHeartbeat(study).TrialId;
        using var dialect = SqlUrl.Parse(Url, new RelationalStorageOptions());
        using var connection = dialect.Open();
        var writing = (Task?)null;

        // Another transaction fails the trial, as a sweep does, and holds its lock while the write starts: the write
        // waits for it and must then see the trial failed.
        using (var sweep = dialect.BeginWrite(connection))
        {
            using var command = connection.CreateCommand();
            command.Transaction = sweep;
            command.CommandText = "UPDATE hone_trials SET state = 'fail' WHERE trial_id = "
                + trial.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, command.ExecuteNonQuery());
            writing = Task.Run(() => Write(storage, trial, write));
            await Task.WhenAny(writing, Task.Delay(TimeSpan.FromMilliseconds(300)));
            Assert.False(writing.IsCompleted, "The write did not wait for the sweep's lock.");
            sweep.Commit();
        }

        await Assert.ThrowsAsync<FinishedTrialUpdateException>(() => writing);
        var read = storage.GetTrial(trial);
        Assert.Equal(TrialState.Fail, read.State);
        Assert.Empty(read.Params);
        Assert.Empty(read.IntermediateValues);
        Assert.Empty(read.UserAttributes);
        Assert.Null(read.Values);
    }

    private static void Write(RelationalStorage storage, long trial, string write)
    {
        switch (write)
        {
            case "parameter":
                storage.SetTrialParameter(trial, "x", 0.25, Unit);
                break;
            case "intermediate value":
                storage.SetTrialIntermediateValue(trial, 0, 1);
                break;
            case "attribute":
                storage.SetTrialUserAttribute(trial, "k", "v");
                break;
            case "state":
                storage.SetTrialState(trial, TrialState.Complete, [1.0]);
                break;
            default:
                storage.RecordHeartbeat(trial);
                break;
        }
    }
}
