using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hone.Storages.Sql.Internal;

/// <summary>SQLite through Microsoft.Data.Sqlite: one file, WAL mode, a busy timeout, foreign keys on.</summary>
/// <remarks>
/// A write transaction starts with <c>BEGIN IMMEDIATE</c>, which takes the database's write lock at once and waits
/// for it up to the busy timeout: a transaction that read first and wrote later could instead fail at once with
/// "database is locked" when another writer got in between, which no wait cures. Readers never wait in WAL mode.
/// <c>synchronous = NORMAL</c> is WAL's recommended setting: a crash of the process loses nothing committed, a power
/// loss may lose the last commits but never corrupts the file.
/// </remarks>
internal sealed class SqliteDialect : SqlDialect
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.ffffff";
    private const int Busy = 5;
    private const int Locked = 6;
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDialect(string path, TimeSpan busyTimeout)
    {
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy statement itself until this many seconds have passed; it counts
            // whole seconds, so a busy timeout under a second still waits up to one.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        // The native busy handler waits in small steps, and first: the driver's own retries sleep 150 ms each.
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    /// <summary>Gets the database file's full path.</summary>
    public string FilePath { get; }

    public override string Engine => "SQLite";

    public override string Description => "sqlite:///" + FilePath;

    public override string SerialKey => "{0} INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string NameType => "TEXT";

    public override string TextType => "TEXT";

    public override string TimeType => "TEXT";

    public override string LockRows => "";

    public override string LockRowsSkipLocked => "";

    public override string CountTablesNamed =>
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, null, _pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override DbTransaction BeginRead(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public override string InsertIfAbsent(string table, string columns, string values, string keys) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keys}) DO NOTHING";

    protected override string UpdateOnConflict(string keys, string updated) =>
        $"ON CONFLICT ({keys}) DO UPDATE SET "
        + string.Join(", ", updated.Split(',', StringSplitOptions.TrimEntries).Select(c => $"{c} = excluded.{c}"));

    public override long InsertReturningKey(DbCommand insert, string keyColumn)
    {
        insert.CommandText += " RETURNING " + keyColumn;
        return Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public override (string Inline, string? Statement) Index(string table, string name, string columns) =>
        ("", $"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})");

    public override void WithSchemaLock(DbConnection connection, Action<DbTransaction?> action)
    {
        // WAL mode is a property of the file; it cannot change inside a transaction.
        Execute(connection, null, "PRAGMA journal_mode = WAL");
        using var transaction = BeginWrite(connection);
        action(transaction);
        transaction.Commit();
    }

    public override object ToDatabase(DateTimeOffset time) =>
        Utc(time).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(
        DateTime.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        TimeSpan.Zero);

    public override bool IsTransient(Exception error) =>
        error is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is Busy or Locked;

    public override bool IsUniqueViolation(Exception error) =>
        error is SqliteException { SqliteErrorCode: Constraint } e
        && e.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Idle pooled connections would keep the file open after the storage is gone.
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }

        base.Dispose(disposing);
    }
}
