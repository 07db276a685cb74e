using System.Collections.Concurrent;
using System.Text;
using Hone.Distributions;
using Hone.Storages;
using Hone.Tests.Support;

namespace Hone.Tests.Storages;

/// <summary>Runs the storage contract against a journal file, then what is particular to the journal: several
/// storage objects on one file, torn and malformed lines, the lock and the format version.</summary>
public sealed partial class JournalStorageTests : StorageContractTests
{
    private static readonly StudyDirection[] Minimize = [StudyDirection.Minimize];

    // Initialised before the base constructor calls CreateStorage.
    private readonly TempJournal _journal = new();

    protected override TrialStorage CreateStorage() => new JournalStorage(_journal.Path);

    protected override void DeleteBackend() => _journal.Dispose();

    [Fact]
    public void TwoStorages_OnOneFile_SeeEachOthersWrites()
    {
        using var a = new JournalStorage(_journal.Path);
        using var b = new JournalStorage(_journal.Path);

        long study = a.CreateStudy("s", Minimize);
        long trial = b.CreateTrial(b.GetStudyId("s")).TrialId;
        a.SetTrialParameter(trial, "x", 0.5, new FloatDistribution(0, 1));
        b.SetTrialState(trial, TrialState.Complete, [0.25]);

        Assert.Equal(study, b.FindStudyId("s"));
        TrialAssert.Same(b.GetTrial(trial), a.GetTrial(trial));
        Assert.Equal(0.25, a.FindBestTrial(study)!.Value);
    }

    [Fact]
    public void TwoStorages_ManyThreads_NumbersDenseAndUnique()
    {
        using var a = new JournalStorage(_journal.Path);
        using var b = new JournalStorage(_journal.Path);
        long study = a.CreateStudy("s", Minimize);
        var ids = new ConcurrentBag<long>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => ids.Add((i % 2 == 0 ? a : b).CreateTrial(study).TrialId));

        Assert.Equal(Enumerable.Range(0, 200), a.GetAllTrials(study).Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, 200), b.GetAllTrials(study).Select(t => t.Number));
        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal(a.GetAllTrials(study).Select(t => t.TrialId), b.GetAllTrials(study).Select(t => t.TrialId));
    }

    [Fact]
    public void TwoStorages_WaitingTrials_EachClaimedOnce()
    {
        using var a = new JournalStorage(_journal.Path);
        using var b = new JournalStorage(_journal.Path);
        long study = a.CreateStudy("s", Minimize);
        for (int i = 0; i < 30; i++)
        {
            a.CreateTrial(study, new FrozenTrial { State = TrialState.Waiting });
        }

        var claimed = new ConcurrentBag<int>();
        Parallel.For(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if ((i % 2 == 0 ? a : b).ClaimWaitingTrial(study) is { } trial)
            {
                claimed.Add(trial.Number);
            }
        });

        Assert.Equal(Enumerable.Range(0, 30), claimed.Order());
        Assert.All(b.GetAllTrials(study), t => Assert.Equal(TrialState.Running, t.State));
    }

    [Fact]
    public void TornLastLine_IsNeverRead_AndTheNextWriterEndsIt()
    {
        long study;
        FrozenTrial first;
        using (var writer = new JournalStorage(_journal.Path))
        {
            study = writer.CreateStudy("s", Minimize);
            first = writer.SetTrialState(writer.CreateTrial(study).TrialId, TrialState.Complete, [1.0]);
        }

        File.AppendAllText(_journal.Path, """{"op":"create_trial","study":0,"ti""");
        var readerLogs = new CapturingLoggerFactory();
        using var reader = new JournalStorage(_journal.Path, new JournalStorageOptions { LoggerFactory = readerLogs });
        Assert.Single(reader.GetAllTrials(study));
        using var next = new JournalStorage(_journal.Path);

        var second = next.CreateTrial(study);

        Assert.Equal(1, second.Number);
        var replayLogs = new CapturingLoggerFactory();
        using var replay = new JournalStorage(_journal.Path, new JournalStorageOptions { LoggerFactory = replayLogs });
        Assert.Equal([0, 1], replay.GetAllTrials(study).Select(t => t.Number));
        TrialAssert.Same(first, replay.GetTrial(first.TrialId));
        Assert.Equal(HoneEventIds.StorageRecordSkipped, Assert.Single(replayLogs.Warnings).EventId);
        Assert.Equal([0, 1], reader.GetAllTrials(study).Select(t => t.Number));
        Assert.Single(readerLogs.Warnings);
    }

    [Fact]
    public void TornRecord_CutAtAnyByte_IsSkippedAndTheLogStaysReadable()
    {
        byte[] before;
        byte[] record;
        using (var storage = new JournalStorage(_journal.Path))
        {
            long study = storage.CreateStudy("s", Minimize);
            storage.CreateTrial(study);
            before = File.ReadAllBytes(_journal.Path);
            storage.CreateTrial(study, new FrozenTrial
            {
                State = TrialState.Waiting,
                UserAttributes = new Dictionary<string, object?> { ["ключ"] = "значение 🎯", ["x"] = double.NaN },
            });
            record = File.ReadAllBytes(_journal.Path)[before.Length..];
        }

        for (int cut = 1; cut < record.Length; cut++)
        {
            File.WriteAllBytes(_journal.Path, [.. before, .. record[..cut]]);
            using (var reader = new JournalStorage(_journal.Path))
            {
                Assert.Single(reader.GetAllTrials(0));
            }

            using (var writer = new JournalStorage(_journal.Path))
            {
                writer.CreateTrial(0);
            }

            using var replay = new JournalStorage(_journal.Path);
            // Cut just before its '\n', the record is whole: once the next writer ends the line, it counts.
            int expected = cut == record.Length - 1 ? 3 : 2;
            Assert.Equal(Enumerable.Range(0, expected), replay.GetAllTrials(0).Select(t => t.Number));
        }
    }

    [Fact]
    public void GarbageInTheMiddle_IsSkippedWithOneWarning()
    {
        var logs = new CapturingLoggerFactory();
        using var writer = new JournalStorage(_journal.Path, new JournalStorageOptions { LoggerFactory = logs });
        long study = writer.CreateStudy("s", Minimize);
        writer.CreateTrial(study);
        File.AppendAllText(_journal.Path, "not json at all\n{\"op\":\"no_such_operation\"}\n[1, 2]\n");

        writer.CreateTrial(study);

        using var replay = new JournalStorage(_journal.Path, new JournalStorageOptions { LoggerFactory = logs });
        Assert.Equal([0, 1], replay.GetAllTrials(study).Select(t => t.Number));
        Assert.Equal(2, logs.Warnings.Count);
        Assert.Contains(_journal.Path, logs.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedChange_WritesNothing()
    {
        using var storage = new JournalStorage(_journal.Path);
        long study = storage.CreateStudy("s", Minimize);
        long trial = storage.CreateTrial(study).TrialId;
        storage.SetTrialState(trial, TrialState.Complete, [1.0]);
        long length = new FileInfo(_journal.Path).Length;

        Assert.Throws<DuplicateStudyException>(() => storage.CreateStudy("s", Minimize));
        Assert.Throws<FinishedTrialUpdateException>(() => storage.SetTrialUserAttribute(trial, "k", 1));
        Assert.Throws<StudyNotFoundException>(() => storage.CreateTrial(study + 1));

        Assert.Equal(length, new FileInfo(_journal.Path).Length);
    }

    [Fact]
    public void Log_IsOneJsonRecordPerLine_AfterAFormatLine()
    {
        using var storage = new JournalStorage(_journal.Path);
        long study = storage.CreateStudy("s", Minimize);
        storage.SetTrialIntermediateValue(storage.CreateTrial(study).TrialId, 0, double.NaN);

        string[] lines = File.ReadAllText(_journal.Path, Encoding.UTF8).Split('\n');

        Assert.Equal("""{"op":"format","version":1}""", lines[0]);
        Assert.StartsWith("""{"op":"create_study","name":"s","directions":["minimize"]""", lines[1],
            StringComparison.Ordinal);
        Assert.Equal("""{"op":"set_trial_intermediate_value","trial":0,"step":0,"value":"NaN"}""", lines[3]);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void NewerFormat_IsRefusedWithAClearError()
    {
        File.WriteAllText(_journal.Path, "{\"op\":\"format\",\"version\":99}\n");

        var error = Assert.Throws<StorageFormatException>(() => new JournalStorage(_journal.Path));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LockHeldElsewhere_WriteTimesOutNamingTheFile()
    {
        using var storage = new JournalStorage(
            _journal.Path, new JournalStorageOptions { LockTimeout = TimeSpan.FromMilliseconds(100) });
        using (File.Open(_journal.Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<StorageTimeoutException>(() => storage.CreateStudy("s", Minimize));

            Assert.Contains(_journal.Path, error.Message, StringComparison.Ordinal);
        }

        storage.CreateStudy("s", Minimize);
    }

    [Fact]
    public void Constructor_NonPositiveLockTimeout_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new JournalStorage(_journal.Path, new JournalStorageOptions { LockTimeout = TimeSpan.Zero }));
    }
}
