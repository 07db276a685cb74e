using System.Globalization;
using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Hone.Storages.Sql.Tests;

/// <summary>Runs several worker processes (Hone.Tests.Worker) on one database at once, released together.
/// </summary>
/// <remarks>Each test gets a database of its own with no schema yet, so the workers also race to create the schema
/// and the study. The classes run alone (one collection without parallelism), since they load the machine.
/// </remarks>
public abstract partial class RelationalStorageProcessTests
{
    /// <summary>Makes an empty database and returns its URL and what deletes it.</summary>
    protected abstract Task<(string Url, IAsyncDisposable Database)> FreshDatabaseAsync();

    [Fact]
    [Trait("Issue", "BC-28")]
    public async Task Workers_EightTimesTwentyFiveTrials_NumbersExactlyZeroTo199()
    {
        var (url, database) = await FreshDatabaseAsync();
        await using (database)
        {
            RunAtOnce(url, 8, "run", "25");

            using var storage = RelationalStorage.Open(url);
            var study = Assert.Single(storage.GetAllStudies());
            var trials = storage.GetAllTrials(study.StudyId);
            Assert.Equal(Enumerable.Range(0, 200), trials.Select(t => t.Number));
            Assert.Equal(200, trials.Select(t => t.TrialId).Distinct().Count());
            Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
            Assert.All(trials, t => Assert.Equal((double)t.Params["x"]! * (double)t.Params["x"]!, t.Value));
        }
    }

    [Fact]
    [Trait("Issue", "BC-30")]
    public async Task Workers_CreatingOneStudyAtOnce_GetOneStudy()
    {
        var (url, database) = await FreshDatabaseAsync();
        await using (database)
        {
            RunAtOnce(url, 8, "run", "3");

            using var storage = RelationalStorage.Open(url);
            var study = Assert.Single(storage.GetAllStudies());
            Assert.Equal("s", study.Name);
            Assert.Equal(24, study.TrialCount);
            Assert.All(storage.GetAllTrials(study.StudyId), t => Assert.Equal(TrialState.Complete, t.State));
            CheckIntegrity(url);
        }
    }

    [Fact]
    [Trait("Issue", "BC-28")]
    public async Task Workers_PoppingEnqueuedTrials_RunEachExactlyOnce()
    {
        const int enqueued = 40;
        var (url, database) = await FreshDatabaseAsync();
        await using (database)
        {
            using (var storage = RelationalStorage.Open(url))
            {
                var study = Study.Create(new StudyOptions { Name = "s", Storage = storage });
                for (int i = 0; i < enqueued; i++)
                {
                    study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = (double)i });
                }
            }

            RunAtOnce(url, 5, "pop");

            using var reader = RelationalStorage.Open(url);
            var trials = reader.GetAllTrials(reader.GetStudyId("s"));
            Assert.Equal(enqueued, trials.Count);
            Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
            Assert.Equal(Enumerable.Range(0, enqueued).Select(i => (double)i * i), trials.Select(t => t.Value!.Value));
            Assert.True(trials.Select(t => t.UserAttributes["pid"]).Distinct().Count() > 1,
                "Only one worker popped trials: the test did not run them concurrently.");
        }
    }

    /// <summary>Checks what an engine can check of its files once the workers are gone.</summary>
    protected virtual void CheckIntegrity(string url)
    {
    }

    /// <summary>Starts workers, waits until each is ready, releases them together and waits for them all.</summary>
    protected static void RunAtOnce(string url, int count, params string[] mode) =>
        RunAtOnce([.. Enumerable.Range(0, count).Select(_ => (string[])[url, "s", .. mode])]);

    /// <summary>Starts one worker per argument list, releases them together and waits for them all.</summary>
    protected static void RunAtOnce(IReadOnlyList<string[]> arguments)
    {
        var workers = arguments.Select(WorkerProcess.Start).ToList();
        try
        {
            workers.ForEach(w => w.WaitFor(line => line == "ready"));
            workers.ForEach(w => w.Release());
            workers.ForEach(w => w.WaitForSuccess());
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }
}

[Collection(nameof(SqlWorkerProcesses))]
public sealed class SqliteProcessTests : RelationalStorageProcessTests
{
    [Fact]
    [Trait("Issue", "BC-29")]
    public void Writers_WithAReaderPollingEvery100Ms_CompleteEveryTrialWithoutLockErrors()
    {
        // BC-29's numbers: 16 processes launched at once, 5 trials each.
        const int writers = 16;
        const int trialsEach = 5;
        using var file = new TempSqlite();

        // The reader lists the studies and the trials every 100 ms until all trials are finished; every worker
        // exits with 0 only if no call of its threw, "database is locked" included.
        RunAtOnce([
            .. Enumerable.Range(0, writers).Select(_ => new[] { file.Url, "s", "run", Invariant(trialsEach) }),
            [file.Url, "s", "watch", Invariant(writers * trialsEach)],
        ]);

        using var storage = RelationalStorage.Open(file.Url);
        var trials = storage.GetAllTrials(storage.GetStudyId("s"));
        Assert.Equal(Enumerable.Range(0, writers * trialsEach), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        CheckIntegrity(file.Url);
    }

    protected override Task<(string Url, IAsyncDisposable Database)> FreshDatabaseAsync()
    {
        var file = new TempSqlite();
        return Task.FromResult<(string, IAsyncDisposable)>((file.Url, new Deleting(file)));
    }

    protected override void CheckIntegrity(string url)
    {
        using var connection = new SqliteConnection("Data Source=" + url["sqlite:///".Length..] + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Deleting(TempSqlite file) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            file.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

[UsesTestServers]
[Collection(nameof(SqlWorkerProcesses))]
public sealed class PostgresProcessTests : RelationalStorageProcessTests
{
    protected override async Task<(string Url, IAsyncDisposable Database)> FreshDatabaseAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        return (TestDatabases.PostgresUrl(database.ConnectionString), new Dropping(database));
    }
}

[UsesTestServers]
[Collection(nameof(SqlWorkerProcesses))]
public sealed class MySqlProcessTests : RelationalStorageProcessTests
{
    protected override async Task<(string Url, IAsyncDisposable Database)> FreshDatabaseAsync()
    {
        var database = new MySqlDatabase();
        await database.InitializeAsync();
        return (TestDatabases.MySqlUrl(database.ConnectionString), new Dropping(database));
    }
}

/// <summary>Drops a server database made for one test.</summary>
internal sealed class Dropping(IAsyncLifetime database) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await database.DisposeAsync();
}

/// <summary>Keeps the tests that start processes from running beside other tests.</summary>
[CollectionDefinition(nameof(SqlWorkerProcesses), DisableParallelization = true)]
public sealed class SqlWorkerProcesses;
