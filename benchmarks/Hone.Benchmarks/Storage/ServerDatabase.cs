using System.Data.Common;
using MySqlConnector;
using Npgsql;

namespace Hone.Benchmarks.Storage;

/// <summary>A fresh database on the PostgreSQL or MariaDB server that <c>eng/test-servers.sh</c> starts (its
/// connection string in <c>HONE_TEST_POSTGRES</c> or <c>HONE_TEST_MYSQL</c>), made for one invocation and dropped
/// after it, so that no run sees another's rows.</summary>
internal sealed class ServerDatabase : IDisposable
{
    /// <summary>The variable that holds the PostgreSQL server's Npgsql connection string.</summary>
    public const string PostgresVariable = "HONE_TEST_POSTGRES";

    /// <summary>The variable that holds the MariaDB server's MySqlConnector connection string.</summary>
    public const string MySqlVariable = "HONE_TEST_MYSQL";

    private readonly bool _postgres;
    private readonly string _serverConnectionString;
    private readonly string _connectionString;
    private bool _dropped;

    private ServerDatabase(bool postgres, string serverConnectionString, string name, string version)
    {
        _postgres = postgres;
        _serverConnectionString = serverConnectionString;
        Name = name;
        Version = version;
        if (postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
            _connectionString = builder.ConnectionString;
            Url = $"postgresql://{Escape(builder.Username)}:{Escape(builder.Password)}@{builder.Host}:{builder.Port}/"
                + name;
        }
        else
        {
            var builder = new MySqlConnectionStringBuilder(serverConnectionString) { Database = name };
            _connectionString = builder.ConnectionString;
            Url = $"mysql://{Escape(builder.UserID)}:{Escape(builder.Password)}@{builder.Server}:{builder.Port}/"
                + name;
        }
    }

    /// <summary>Gets the database's name.</summary>
    public string Name { get; }

    /// <summary>Gets the server's product and version, such as "PostgreSQL 15.18".</summary>
    public string Version { get; }

    /// <summary>Gets the storage URL of the database; it holds the password, so it is never printed.</summary>
    public string Url { get; }

    /// <summary>Creates a fresh database on the server a variable names.</summary>
    /// <param name="variable"><see cref="PostgresVariable"/> or <see cref="MySqlVariable"/>.</param>
    /// <param name="database">The database, or <see langword="null"/>.</param>
    /// <returns>Why there is no database (the variable is not set, the server refused), or <see langword="null"/>.
    /// </returns>
    public static string? TryCreate(string variable, out ServerDatabase? database)
    {
        database = null;
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } server)
        {
            return $"{variable} is not set (start the servers with eng/test-servers.sh start, then "
                + "eval \"$(eng/test-servers.sh env)\").";
        }

        bool postgres = variable == PostgresVariable;
        string name = "hone_bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using var connection = Connect(postgres, server);
            Execute(connection, $"CREATE DATABASE {name}");
            string version = postgres
                ? $"PostgreSQL {connection.ServerVersion.Split(' ')[0]}"
                : MySqlVersion(connection.ServerVersion);
            database = new ServerDatabase(postgres, server, name, version);
            return null;
        }
        catch (DbException e)
        {
            return $"the server of {variable} refused a new database: {e.Message}";
        }
    }

    /// <summary>Watches the database's sessions while a measurement runs (PostgreSQL only): how many are running a
    /// statement, and how many of those wait for a lock that another session holds.</summary>
    /// <param name="until">When to stop, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
    /// <param name="interval">The pause between two looks.</param>
    /// <returns>The mean number of sessions running a statement, and the share of them waiting for a lock.</returns>
    public (double Active, double LockWaiting) WatchSessions(long until, TimeSpan interval)
    {
        if (!_postgres)
        {
            throw new NotSupportedException("Only PostgreSQL's sessions are watched.");
        }

        using var connection = Connect(_postgres, _connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FILTER (WHERE state = 'active'), "
            + "count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') FROM pg_stat_activity "
            + "WHERE datname = current_database() AND pid <> pg_backend_pid()";
        long active = 0;
        long waiting = 0;
        int looks = 0;
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                active += reader.GetInt64(0);
                waiting += reader.GetInt64(1);
            }

            looks++;
            Thread.Sleep(interval);
        }

        return (looks == 0 ? 0 : (double)active / looks, active == 0 ? 0 : (double)waiting / active);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_dropped)
        {
            return;
        }

        _dropped = true;

        // Idle pooled connections to the database would keep it in use.
        if (_postgres)
        {
            using var pooled = new NpgsqlConnection(_connectionString);
            NpgsqlConnection.ClearPool(pooled);
        }
        else
        {
            using var pooled = new MySqlConnection(_connectionString);
            MySqlConnection.ClearPool(pooled);
        }

        using var connection = Connect(_postgres, _serverConnectionString);
        Execute(connection, $"DROP DATABASE IF EXISTS {Name}" + (_postgres ? " WITH (FORCE)" : ""));
    }

    private static DbConnection Connect(bool postgres, string connectionString)
    {
        DbConnection connection = postgres
            ? new NpgsqlConnection(connectionString)
            : new MySqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();

        // The name is made here of letters, digits and underscores: nothing from outside goes into the statement.
#pragma warning disable CA2100
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    /// <summary>Names a MySQL or MariaDB version: MariaDB reports itself as, for example,
    /// "5.5.5-10.11.19-MariaDB-0+deb12u1", the prefix being for old MySQL clients.</summary>
    private static string MySqlVersion(string reported)
    {
        const string Prefix = "5.5.5-";
        string version = reported.StartsWith(Prefix, StringComparison.Ordinal) ? reported[Prefix.Length..] : reported;
        return version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
            ? $"MariaDB {version.Split('-')[0]}"
            : $"MySQL {version.Split('-')[0]}";
    }

    private static string Escape(string? text) => Uri.EscapeDataString(text ?? "");
}
