using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Hone.Storages.Sql.Tests.Support;

namespace Hone.Storages.Sql.Tests;

/// <summary>Holds SQLite's write lock from another connection to check what a writer meets: retries, then a
/// storage-busy error that leaves nothing written.</summary>
[Trait("Issue", "BC-29")]
public sealed class RelationalStorageRetryTests : IDisposable
{
    private static readonly StudyDirection[] Minimize = [StudyDirection.Minimize];
    private readonly TempSqlite _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Write_LockedLongerThanEveryRetry_ThrowsStorageTimeoutAndTakesNoNumber()
    {
        using var storage = RelationalStorage.Open(_file.Url, Quick(maxRetries: 1, logger: null));
        long study = storage.CreateStudy("s", Minimize);

        using (var blocker = HoldWriteLock())
        {
            var error = Assert.Throws<StorageTimeoutException>(() => storage.CreateTrial(study));

            Assert.IsType<SqliteException>(error.InnerException);
            Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
            Assert.Contains("nothing of it was written", error.Message, StringComparison.Ordinal);
            // WAL: readers go on while a writer holds the lock.
            Assert.Empty(storage.GetAllTrials(study));
        }

        Assert.Equal(0, storage.CreateTrial(study).Number);
    }

    [Fact]
    public void Write_LockReleasedBeforeTheRetry_SucceedsAndLogsTheRetry()
    {
        var logs = new RetryLog();
        using var storage = RelationalStorage.Open(_file.Url, Quick(maxRetries: 3, logs));
        long study = storage.CreateStudy("s", Minimize);
        var blocker = HoldWriteLock();
        // The retry is logged on the writing thread before its pause: release the lock there, once.
        logs.OnRetry = blocker.Dispose;

        var trial = storage.CreateTrial(study);

        Assert.Equal(0, trial.Number);
        Assert.Equal(1, logs.Retries);
        Assert.Single(storage.GetAllTrials(study));
    }

    private static RelationalStorageOptions Quick(int maxRetries, ILoggerFactory? logger) => new()
    {
        BusyTimeout = TimeSpan.FromMilliseconds(100),
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        LoggerFactory = logger,
    };

    private SqliteConnection HoldWriteLock()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        return connection;
    }

    private sealed class RetryLog : ILoggerFactory, ILogger
    {
        public Action? OnRetry { get; set; }

        public int Retries { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == HoneEventIds.StorageOperationRetried)
            {
                Retries++;
                OnRetry?.Invoke();
                OnRetry = null;
            }
        }

        public void Dispose()
        {
        }
    }
}
