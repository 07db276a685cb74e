using System.Data.Common;

namespace Hone.Storages.Sql.Internal;

/// <summary>Holds what differs between the database engines behind <see cref="RelationalStorage"/>: how to connect,
/// the column types of the schema, the few statements that have no common syntax, and which errors are worth a
/// retry. Everything else (the schema's shape, every query) is one text shared by all engines.</summary>
/// <remarks>Thread-safe: connections come from the driver's pool, one per operation.</remarks>
internal abstract class SqlDialect : IDisposable
{
    /// <summary>Gets the engine's name, for messages.</summary>
    public abstract string Engine { get; }

    /// <summary>Gets the storage's URL without its password, for messages.</summary>
    public abstract string Description { get; }

    /// <summary>Gets the column definition of an auto-increment primary key named <c>{0}</c> whose values are never
    /// reused (studies and trials keep their identifiers after others are deleted).</summary>
    public abstract string SerialKey { get; }

    /// <summary>Gets the column type of a name or key: indexed, compared byte for byte.</summary>
    public abstract string NameType { get; }

    /// <summary>Gets the column type of a JSON document of any length.</summary>
    public abstract string TextType { get; }

    /// <summary>Gets the column type of a timestamp (kept in UTC, to the microsecond).</summary>
    public abstract string TimeType { get; }

    /// <summary>Gets what ends every CREATE TABLE statement (engine and character set).</summary>
    public virtual string TableOptions => "";

    /// <summary>Gets the clause that locks the rows a SELECT reads until the transaction ends, or an empty string
    /// where a write transaction holds the whole database already.</summary>
    public abstract string LockRows { get; }

    /// <summary>Gets the clause that locks the rows a SELECT reads and skips those that other transactions hold.
    /// </summary>
    public abstract string LockRowsSkipLocked { get; }

    /// <summary>Returns the clause that, like <see cref="LockRows"/>, locks the rows a SELECT reads from the table
    /// named <paramref name="alias"/> only, where the SELECT also reads a derived table that cannot be locked.
    /// </summary>
    /// <param name="alias">The name or alias of the table in the FROM clause.</param>
    public virtual string LockRowsOf(string alias) => LockRows;

    /// <summary>Opens a pooled connection, configured for the storage.</summary>
    public abstract DbConnection Open();

    /// <summary>Starts a transaction that will write: it reads the latest committed data and locks what it
    /// changes (SQLite: the whole database, at once).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Starts a transaction that only reads, from one consistent snapshot.</summary>
    public abstract DbTransaction BeginRead(DbConnection connection);

    /// <summary>Returns an INSERT that does nothing when a row with the same key exists.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns, comma-separated.</param>
    /// <param name="values">The values (parameter names), comma-separated.</param>
    /// <param name="keys">The columns of the unique key, comma-separated.</param>
    public abstract string InsertIfAbsent(string table, string columns, string values, string keys);

    /// <summary>Returns an INSERT that updates <paramref name="updated"/> of the existing row instead when a row with
    /// the same key exists; the row keeps its identifier, and with it its place in the order of insertion.</summary>
    public string Upsert(string table, string columns, string values, string keys, string updated) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) {UpdateOnConflict(keys, updated)}";

    /// <summary>Returns an INSERT of the rows a SELECT gives that, like <see cref="Upsert"/>, updates
    /// <paramref name="updated"/> of an existing row with the same key instead.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns, comma-separated.</param>
    /// <param name="select">The SELECT; it must have a WHERE clause, without which SQLite would read the conflict
    /// clause as part of a join.</param>
    /// <param name="keys">The columns of the unique key, comma-separated.</param>
    /// <param name="updated">The columns to update, comma-separated.</param>
    public string UpsertSelect(string table, string columns, string select, string keys, string updated) =>
        $"INSERT INTO {table} ({columns}) {select} {UpdateOnConflict(keys, updated)}";

    /// <summary>Returns the statements that run an UPDATE of one row of <c>hone_trials</c> (the row whose
    /// <c>trial_id</c> is <c>@trial</c>) and then give <paramref name="columns"/> (unqualified) of the row when the
    /// UPDATE changed it, and no row when it did not.</summary>
    public virtual string UpdateTrialReturning(string update, string columns) => $"{update} RETURNING {columns}";

    /// <summary>Gets whether one statement may both update a row and insert others (PostgreSQL's data-modifying
    /// WITH), so that a trial is created in one statement.</summary>
    public virtual bool HasWritingWith => false;

    /// <summary>Returns the clause that turns a unique key's conflict into an update of
    /// <paramref name="updated"/> (columns, comma-separated) of the existing row.</summary>
    protected abstract string UpdateOnConflict(string keys, string updated);

    /// <summary>Runs an INSERT into a table with a <see cref="SerialKey"/> and returns the new row's key.</summary>
    public abstract long InsertReturningKey(DbCommand insert, string keyColumn);

    /// <summary>Gets the query that counts the tables named <c>@name</c> in the storage's schema: 0 or 1.</summary>
    public abstract string CountTablesNamed { get; }

    /// <summary>Returns the DDL of an index: a clause inside CREATE TABLE (MySQL), or a statement of its own.
    /// </summary>
    public abstract (string Inline, string? Statement) Index(string table, string name, string columns);

    /// <summary>Runs the creation or upgrade of the schema so that only one connection at a time does it, even
    /// across processes; the action gets the transaction its DDL runs in, or null where the engine commits DDL at
    /// once.</summary>
    public abstract void WithSchemaLock(DbConnection connection, Action<DbTransaction?> action);

    /// <summary>Converts a timestamp (UTC, microseconds) to what the driver writes into <see cref="TimeType"/>.
    /// </summary>
    public abstract object ToDatabase(DateTimeOffset time);

    /// <summary>Gets the SQL for the database server's current time in the type of <see cref="TimeType"/>, or
    /// <see langword="null"/> when the storage's own clock is the server's (an embedded database).</summary>
    /// <remarks>Heartbeats are written and judged at this clock, so that workers whose clocks disagree do not fail
    /// each other's trials.</remarks>
    public virtual string? ServerNow => null;

    /// <summary>Returns the SQL for the server's time <paramref name="seconds"/> (a parameter name, in seconds) ago;
    /// only called when <see cref="ServerNow"/> is not <see langword="null"/>.</summary>
    public virtual string ServerSecondsAgo(string seconds) => throw new NotSupportedException();

    /// <summary>Reads a timestamp written by <see cref="ToDatabase"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Tells whether an error comes from contention that a later attempt may not meet: a busy database, a
    /// deadlock, a serialization failure, a lock wait that timed out.</summary>
    public abstract bool IsTransient(Exception error);

    /// <summary>Tells whether an error is the violation of a unique key.</summary>
    public abstract bool IsUniqueViolation(Exception error);

    /// <summary>Asks the server what the schema's DDL depends on (MySQL: which binary collation it has); called
    /// before the schema is created.</summary>
    public virtual void PrepareSchema(DbConnection connection)
    {
    }

    /// <summary>Releases the connection pool.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connection pool.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Cuts a timestamp to the microsecond, the precision every engine keeps, in UTC.</summary>
    protected static DateTime Utc(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), DateTimeKind.Utc);

    /// <summary>Runs one statement without parameters.</summary>
    protected static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs one statement without parameters and returns its single value.</summary>
    protected static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
