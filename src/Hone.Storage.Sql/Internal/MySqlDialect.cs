using System.Data;
using System.Data.Common;
using System.Globalization;
using MySqlConnector;

namespace Hone.Storages.Sql.Internal;

/// <summary>MySQL (8.0 and later) and MariaDB (10.6 and later) through MySqlConnector, on InnoDB tables in utf8mb4.
/// </summary>
/// <remarks>
/// Names must compare byte for byte, as in every other storage: "Study" and "study" are two studies, and so are
/// "s" and "s " (trailing spaces). The tables therefore use a binary collation without pad-space semantics where
/// the server has one (MariaDB's <c>utf8mb4_nopad_bin</c>, MySQL 8's <c>utf8mb4_0900_bin</c>), and
/// <c>utf8mb4_bin</c> otherwise. Writes run at READ COMMITTED, which takes no gap locks and so meets fewer
/// deadlocks; reads at REPEATABLE READ, which gives the queries of one read one snapshot.
/// </remarks>
internal sealed class MySqlDialect : SqlDialect
{
    private const int DuplicateKey = 1062;
    private const int LockWaitTimeout = 1205;
    private const int Deadlock = 1213;
    private const int RecordChanged = 1020;

    private readonly MySqlDataSource _dataSource;
    private string _collation = "utf8mb4_bin";

    public MySqlDialect(MySqlConnectionStringBuilder connectionString, string description)
    {
        _dataSource = new MySqlDataSource(connectionString.ConnectionString);
        Description = description;
    }

    public override string Engine => "MySQL";

    public override string Description { get; }

    public override string SerialKey => "{0} BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY";

    // 512 characters of up to 4 bytes stay within InnoDB's 3072-byte limit of an index key, with the other columns.
    public override string NameType => "VARCHAR(512)";

    public override string TextType => "LONGTEXT";

    public override string TimeType => "DATETIME(6)";

    public override string TableOptions => $" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE={_collation}";

    public override string LockRows => " FOR UPDATE";

    public override string LockRowsSkipLocked => " FOR UPDATE SKIP LOCKED";

    public override string CountTablesNamed =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @name";

    public override DbConnection Open() => _dataSource.OpenConnection();

    public override DbTransaction BeginWrite(DbConnection connection) =>
        connection.BeginTransaction(IsolationLevel.ReadCommitted);

    public override DbTransaction BeginRead(DbConnection connection) =>
        connection.BeginTransaction(IsolationLevel.RepeatableRead);

    public override string InsertIfAbsent(string table, string columns, string values, string keys)
    {
        // INSERT IGNORE would also ignore other errors (a value too long, a missing parent row).
        string key = keys.Split(',', StringSplitOptions.TrimEntries)[0];
        return $"INSERT INTO {table} ({columns}) VALUES ({values}) ON DUPLICATE KEY UPDATE {key} = {key}";
    }

    protected override string UpdateOnConflict(string keys, string updated) =>
        "ON DUPLICATE KEY UPDATE "
        + string.Join(", ", updated.Split(',', StringSplitOptions.TrimEntries).Select(c => $"{c} = VALUES({c})"));

    // Neither MySQL nor MariaDB has UPDATE ... RETURNING: the SELECT after it, in the same command, reads the row
    // when ROW_COUNT(), the number of rows the UPDATE matched, says that it changed it.
    public override string UpdateTrialReturning(string update, string columns) =>
        $"{update}; SELECT {columns} FROM hone_trials WHERE trial_id = @trial AND ROW_COUNT() > 0";

    public override long InsertReturningKey(DbCommand insert, string keyColumn)
    {
        insert.ExecuteNonQuery();
        return ((MySqlCommand)insert).LastInsertedId;
    }

    public override (string Inline, string? Statement) Index(string table, string name, string columns) =>
        ($",\n    INDEX {name} ({columns})", null);

    public override void PrepareSchema(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COLLATION_NAME FROM information_schema.COLLATIONS "
            + "WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin') ORDER BY COLLATION_NAME DESC";
        if (command.ExecuteScalar() is string collation)
        {
            _collation = collation;
        }
    }

    public override void WithSchemaLock(DbConnection connection, Action<DbTransaction?> action)
    {
        // MySQL commits DDL at once, so a transaction cannot hold the schema back: a named lock (per database)
        // keeps concurrent creators in line instead, and the version row, written last, marks the schema complete.
        const string name = "LEFT(CONCAT('hone_schema:', DATABASE()), 64)";
        // GET_LOCK answers 1 when it got the lock, 0 after the timeout, NULL on an error.
        if (Scalar(connection, null, $"SELECT GET_LOCK({name}, 60)") is not { } got || got is DBNull
            || Convert.ToInt64(got, CultureInfo.InvariantCulture) != 1)
        {
            throw new StorageTimeoutException(
                $"Another process kept the schema of {Description} locked for 60 seconds while creating or "
                + "upgrading it; try again once it is done.");
        }

        try
        {
            action(null);
        }
        finally
        {
            Scalar(connection, null, $"SELECT RELEASE_LOCK({name})");
        }
    }

    public override object ToDatabase(DateTimeOffset time) => DateTime.SpecifyKind(Utc(time), DateTimeKind.Unspecified);

    // Times are stored in UTC, so the server's clock is read in UTC too.
    public override string ServerNow => "UTC_TIMESTAMP(6)";

    public override string ServerSecondsAgo(string seconds) =>
        $"TIMESTAMPADD(MICROSECOND, -ROUND({seconds} * 1000000), UTC_TIMESTAMP(6))";

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc), TimeSpan.Zero);

    public override bool IsTransient(Exception error) =>
        error is MySqlException { Number: Deadlock or LockWaitTimeout or RecordChanged };

    public override bool IsUniqueViolation(Exception error) => error is MySqlException { Number: DuplicateKey };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }

        base.Dispose(disposing);
    }
}
