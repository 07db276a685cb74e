using System.Data.Common;
using System.Security.Cryptography;
using Hone.Storages.Sql.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hone.Storages.Sql;

/// <summary>Keeps studies in a relational database, SQLite, PostgreSQL or MySQL/MariaDB, which many threads,
/// processes and machines share.</summary>
/// <remarks>
/// <para>
/// One schema and one set of statements serve the three engines; a small dialect per engine supplies the column
/// types, the upsert and row-locking syntax and which errors are transient. The database is the only coordinator:
/// every operation opens a pooled connection, runs in one transaction (or one statement) and closes it, so that any
/// number of storage objects in any number of processes may share one database. Open one with <see cref="Open"/>
/// or, wrapped in a <see cref="CachedStorage"/>, through <see cref="SqlStorageProvider"/> and <see cref="StorageUrl"/>.
/// </para>
/// <para>
/// A trial's number comes from a counter in its study's row, incremented under that row's lock in the transaction
/// that inserts the trial, so numbers are dense and unique across processes. A waiting trial is claimed under its
/// row's lock (skipping rows other claimers hold), so each is claimed once. A change to a trial locks the trial's
/// row and checks in the same transaction that the trial is not finished; a parameter's distribution is checked
/// there too against the one the study recorded first for the name. The common changes (to a running trial, with a
/// parameter's distribution the same as the study's first) take one statement instead, which reads the trial's row
/// under the same lock and writes only when the trial is running; when it writes nothing, the transaction runs to
/// tell why.
/// </para>
/// <para>
/// An operation that meets a transient conflict (SQLite busy beyond its busy timeout, a deadlock, a serialization
/// failure, a lock wait timeout) is rolled back whole and run again, up to
/// <see cref="RelationalStorageOptions.MaxRetries"/> times with growing pauses; then it throws
/// <see cref="StorageTimeoutException"/>, having written nothing.
/// </para>
/// <para>
/// Study names, parameter names and attribute keys have at most 512 characters (a limit of MySQL's indexes, kept on
/// every engine alike) and compare byte for byte. Timestamps are kept to the microsecond.
/// </para>
/// </remarks>
public sealed partial class RelationalStorage : TrialStorage
{
    /// <summary>The version of the database schema that this version of Hone reads and writes.</summary>
    public const int SchemaVersion = SqlSchema.Version;

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryDelay;
    private volatile bool _disposed;

    // How many writes to a trial found it not running in their one statement and took the locking transaction;
    // the tests read it to check that the common paths stay on one statement.
    private long _lockingWrites;

    // The first distribution recorded for each parameter name of a study, as read from the database (see
    // CheckDistribution); entries of a deleted study are dropped with it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long StudyId, string Name), string>
        _firstDistributions = new();

    private RelationalStorage(SqlDialect dialect, RelationalStorageOptions options)
    {
        _dialect = dialect;
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = options.LoggerFactory?.CreateLogger<RelationalStorage>() ?? NullLogger<RelationalStorage>.Instance;
        _maxRetries = options.MaxRetries;
        _retryDelay = options.RetryDelay;
    }

    private enum Access
    {
        /// <summary>One statement that only reads: no transaction needed.</summary>
        Statement,

        /// <summary>Several statements that read one snapshot.</summary>
        Read,

        /// <summary>A transaction that writes.</summary>
        Write,
    }

    /// <summary>Gets the URL of the database, without its password.</summary>
    public string Url => _dialect.Description;

    /// <summary>Gets how many writes to a trial took the locking transaction because their single statement found
    /// the trial not running (or a parameter's distribution not yet the study's).</summary>
    internal long LockingWrites => Interlocked.Read(ref _lockingWrites);

    /// <summary>Opens the database a URL names, creating the schema when it has none.</summary>
    /// <param name="url">The URL: <c>sqlite:///relative/path.db</c>, <c>sqlite:////absolute/path.db</c>,
    /// <c>postgresql://user:password@host:port/database</c> or <c>mysql://user:password@host:port/database</c>
    /// (see <see cref="SqlStorageProvider"/> for every form and option).</param>
    /// <param name="options">The timeouts, retries, logger and clock; the defaults when <see langword="null"/>.
    /// </param>
    /// <returns>The storage; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">The URL or an option is invalid; the message names the part at fault.
    /// </exception>
    /// <exception cref="StorageFormatException">The database holds a schema of another version.</exception>
    /// <exception cref="StorageTimeoutException">The database stayed busy.</exception>
    public static RelationalStorage Open(string url, RelationalStorageOptions? options = null)
    {
        options = Validated(options);
        var storage = new RelationalStorage(SqlUrl.Parse(url, options), options);
        try
        {
            storage.Retry("opening the schema", () =>
            {
                SqlSchema.Ensure(storage._dialect, SqlSchema.Migrations, SqlSchema.Version);
                return 0;
            });
            return storage;
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    /// <summary>Upgrades the schema of the database a URL names to <see cref="SchemaVersion"/>, or creates it when
    /// the database has none; back the database up first, since older versions of Hone cannot open it afterwards.
    /// </summary>
    /// <param name="url">The database's URL, as for <see cref="Open"/>.</param>
    /// <param name="options">The timeouts and retries; the defaults when <see langword="null"/>.</param>
    /// <returns>The schema version the database had before, or 0 when it had none.</returns>
    /// <exception cref="ArgumentException">The URL or an option is invalid.</exception>
    /// <exception cref="StorageFormatException">The schema is newer than this version of Hone knows.</exception>
    public static int UpgradeSchema(string url, RelationalStorageOptions? options = null)
    {
        options = Validated(options);
        using var storage = new RelationalStorage(SqlUrl.Parse(url, options), options);
        return storage.Retry("upgrading the schema",
            () => SqlSchema.Upgrade(storage._dialect, SqlSchema.Migrations, SqlSchema.Version));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _dialect.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RelationalStorageOptions Validated(RelationalStorageOptions? options)
    {
        options ??= new RelationalStorageOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryDelay, TimeSpan.Zero, nameof(options));
        return options;
    }

    /// <summary>Runs one operation in its own connection and transaction, again when it meets a transient
    /// conflict.</summary>
    private T Run<T>(string operation, Access access, Func<SqlSession, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Retry(operation, () =>
        {
            using var connection = _dialect.Open();
            if (access == Access.Statement)
            {
                return work(new SqlSession(connection, null, _dialect));
            }

            using var transaction = access == Access.Write
                ? _dialect.BeginWrite(connection)
                : _dialect.BeginRead(connection);
            var result = work(new SqlSession(connection, transaction, _dialect));
            transaction.Commit();
            return result;
        });
    }

    private T Retry<T>(string operation, Func<T> attempt)
    {
        for (int retry = 0; ; retry++)
        {
            try
            {
                return attempt();
            }
            catch (DbException e) when (_dialect.IsTransient(e))
            {
                if (retry >= _maxRetries)
                {
                    throw new StorageTimeoutException(
                        $"{_dialect.Description} stayed busy: {operation} met a transient conflict in each of its "
                        + $"{retry + 1} attempts (the last: {e.Message}), and nothing of it was written. Try again "
                        + "later, raise RelationalStorageOptions.BusyTimeout or MaxRetries, or run fewer writers at "
                        + "once.",
                        e);
                }

                var delay = Delay(retry);
                Log.Retrying(_logger, _dialect.Description, operation, e.Message, retry + 2, _maxRetries + 1,
                    (long)delay.TotalMilliseconds);
                Thread.Sleep(delay);
            }
        }
    }

    private TimeSpan Delay(int retry)
    {
        var pause = _retryDelay * Math.Pow(2, Math.Min(retry, 16));
        int jitter = (int)Math.Min(pause.Ticks / 2, int.MaxValue);
        return pause + TimeSpan.FromTicks(jitter > 0 ? RandomNumberGenerator.GetInt32(jitter) : 0);
    }

    private DateTimeOffset Now() => _time.GetUtcNow();

    private static void CheckName(string value, string what, string parameterName)
    {
        if (value.Length > SqlSchema.MaxNameLength)
        {
            throw new ArgumentException(
                $"A {what} has at most {SqlSchema.MaxNameLength} characters in a relational storage, but got one of "
                + $"{value.Length} starting '{value[..40]}'; use a shorter one.",
                parameterName);
        }
    }

    private static StudyNotFoundException StudyNotFound(long studyId) =>
        new($"No study with id {studyId} exists in this storage; it may have been deleted.");

    private static KeyNotFoundException TrialNotFound(long trialId) =>
        new($"No trial with id {trialId} exists in this storage.");
}
