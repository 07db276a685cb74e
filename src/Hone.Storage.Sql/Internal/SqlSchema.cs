using System.Data.Common;
using System.Globalization;

namespace Hone.Storages.Sql.Internal;

/// <summary>Upgrades a schema by one version: the statements that take a database from <see cref="From"/> to
/// <c>From + 1</c>.</summary>
internal sealed record SchemaMigration(int From, Func<SqlDialect, IReadOnlyList<string>> Statements);

/// <summary>Creates, checks and upgrades the tables of <see cref="RelationalStorage"/>.</summary>
/// <remarks>
/// The table <c>hone_version</c> holds one row, the schema's version, written last: a database whose version row is
/// missing has no complete schema yet (MySQL commits each CREATE TABLE on its own, so a creator that died half-way
/// leaves some tables), and the next opener creates what is missing under the schema lock. Version 1 is created
/// from <see cref="CreateStatements"/>; each later version is a <see cref="SchemaMigration"/> from the one before,
/// so a new database and an upgraded one end with the same tables. Opening a database of an older version is
/// refused until <see cref="Upgrade"/> runs, explicitly; a newer one is refused always.
/// </remarks>
internal static partial class SqlSchema
{
    /// <summary>The version of the schema that this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>The longest study name, parameter name or attribute key, in UTF-16 code units.</summary>
    public const int MaxNameLength = 512;

    /// <summary>The migrations from version 1 on; none yet.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } = [];

    /// <summary>Creates the schema when the database has none; refuses one of another version than
    /// <paramref name="target"/>.</summary>
    /// <exception cref="StorageFormatException">The database's schema is older or newer.</exception>
    public static void Ensure(SqlDialect dialect, IReadOnlyList<SchemaMigration> migrations, int target)
    {
        using var connection = dialect.Open();
        int? version = ReadVersion(connection, null, dialect);
        if (version is null)
        {
            dialect.PrepareSchema(connection);
            dialect.WithSchemaLock(connection, transaction =>
            {
                // Another process may have created it while this one waited for the lock.
                version = ReadVersion(connection, transaction, dialect);
                if (version is null)
                {
                    Create(connection, transaction, dialect);
                    version = Migrate(connection, transaction, dialect, migrations, 1, target);
                }
            });
        }

        if (version < target)
        {
            throw new StorageFormatException(
                $"The database {dialect.Description} has Hone schema version {version}, older than version "
                + $"{target} that this version of Hone uses. Back the database up, then upgrade it once with "
                + "RelationalStorage.UpgradeSchema(url); older versions of Hone cannot open it afterwards.");
        }

        if (version > target)
        {
            throw new StorageFormatException(NewerMessage(dialect, version.Value, target));
        }
    }

    /// <summary>Brings the schema to <paramref name="target"/>, creating it when the database has none.</summary>
    /// <returns>The version before the upgrade, or 0 when there was no schema.</returns>
    /// <exception cref="StorageFormatException">The schema is newer than <paramref name="target"/>, or no migration
    /// leads from its version.</exception>
    public static int Upgrade(SqlDialect dialect, IReadOnlyList<SchemaMigration> migrations, int target)
    {
        using var connection = dialect.Open();
        dialect.PrepareSchema(connection);
        int before = 0;
        dialect.WithSchemaLock(connection, transaction =>
        {
            int? version = ReadVersion(connection, transaction, dialect);
            if (version > target)
            {
                throw new StorageFormatException(NewerMessage(dialect, version.Value, target));
            }

            before = version ?? 0;
            if (version is null)
            {
                Create(connection, transaction, dialect);
            }

            Migrate(connection, transaction, dialect, migrations, version ?? 1, target);
        });
        return before;
    }

    /// <summary>Reads the schema's version, or <see langword="null"/> when there is no complete schema.</summary>
    public static int? ReadVersion(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = dialect.CountTablesNamed;
        var name = count.CreateParameter();
        name.ParameterName = "@name";
        name.Value = "hone_version";
        count.Parameters.Add(name);
        if (Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return null;
        }

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT MAX(version) FROM hone_version";
        return read.ExecuteScalar() is { } value and not DBNull
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;
    }

    private static void Create(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
    {
        foreach (string statement in CreateStatements(dialect))
        {
            Run(connection, transaction, statement);
        }

        Run(connection, transaction, "DELETE FROM hone_version");
        Run(connection, transaction, "INSERT INTO hone_version (version) VALUES (1)");
    }

    private static int Migrate(DbConnection connection, DbTransaction? transaction, SqlDialect dialect,
        IReadOnlyList<SchemaMigration> migrations, int from, int target)
    {
        for (int version = from; version < target; version++)
        {
            var migration = migrations.FirstOrDefault(m => m.From == version) ?? throw new StorageFormatException(
                $"The database {dialect.Description} has Hone schema version {version}, and this version of Hone "
                + $"knows no upgrade from it to version {target}.");
            foreach (string statement in migration.Statements(dialect))
            {
                Run(connection, transaction, statement);
            }

            Run(connection, transaction, string.Create(CultureInfo.InvariantCulture,
                $"UPDATE hone_version SET version = {version + 1}"));
        }

        return Math.Max(from, target);
    }

    private static string NewerMessage(SqlDialect dialect, int version, int target) =>
        $"The database {dialect.Description} has Hone schema version {version}, newer than the versions this "
        + $"version of Hone knows (1 to {target}): it was created or upgraded by a newer Hone. Use that version, "
        + "or another database.";

    private static void Run(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
