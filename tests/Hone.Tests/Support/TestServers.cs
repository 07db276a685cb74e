using System.Data.Common;
using MySqlConnector;
using Npgsql;

namespace Hone.Tests.Support;

/// <summary>
/// The PostgreSQL and MariaDB servers that <c>./test.sh</c> starts with <c>eng/test-servers.sh</c> for the tests
/// that need real ones. Their connection strings come from <c>HONE_TEST_POSTGRES</c> and <c>HONE_TEST_MYSQL</c>;
/// <c>HONE_TEST_SERVERS=skip</c> skips those tests instead.
/// </summary>
internal static class TestServers
{
    public const string PostgresVariable = "HONE_TEST_POSTGRES";

    public const string MySqlVariable = "HONE_TEST_MYSQL";

    private const string SkipVariable = "HONE_TEST_SERVERS";

    /// <summary>Gets why the server-backed tests are skipped, or null when they run.</summary>
    public static string? SkipReason =>
        string.Equals(Environment.GetEnvironmentVariable(SkipVariable), "skip", StringComparison.Ordinal)
            ? $"{SkipVariable}=skip: this test needs PostgreSQL or MariaDB (eng/test-servers.sh)"
            : null;

    /// <summary>Returns the server's connection string, or throws saying how to provide one.</summary>
    public static string ConnectionString(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so this test has no server to run against. Run the tests with ./test.sh, "
                + "which starts PostgreSQL and MariaDB; or start them yourself with 'eng/test-servers.sh start' "
                + "and 'eval \"$(eng/test-servers.sh env)\"'; or skip these tests with "
                + $"{SkipVariable}=skip.");
}

/// <summary>A fact that needs the test servers: skipped, with the reason, when <c>HONE_TEST_SERVERS=skip</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerFactAttribute : FactAttribute
{
    public ServerFactAttribute() => Skip = TestServers.SkipReason;
}

/// <summary>
/// A fresh database on one of the test servers for one test class (use it as an <c>IClassFixture</c>), created
/// before the class's first test and dropped after its last, so that classes running in parallel never see
/// each other's tables. It inherits the server's defaults (encoding, collation) on purpose: tests see what a
/// storage would see.
/// </summary>
/// <typeparam name="TConnection">The provider's connection type.</typeparam>
public abstract class ServerDatabase<TConnection> : IAsyncLifetime
    where TConnection : DbConnection
{
    private readonly string _variable;
    private string? _serverConnectionString;
    private string? _connectionString;

    private protected ServerDatabase(string variable) => _variable = variable;

    /// <summary>Gets the database's name: lower-case letters, digits and underscores, so it needs no quoting.</summary>
    public string Name { get; } = "hone_t_" + Guid.NewGuid().ToString("N");

    /// <summary>Gets the connection string to this database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(
        "The database does not exist yet: use it as the class fixture of tests marked [ServerFact].");

    /// <summary>Opens a new connection to this database.</summary>
    public async Task<TConnection> OpenAsync()
    {
        var connection = CreateConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        // xUnit builds class fixtures even when every test of the class is skipped.
        if (TestServers.SkipReason is not null)
        {
            return;
        }

        _serverConnectionString = TestServers.ConnectionString(_variable);
        await ExecuteOnServerAsync($"CREATE DATABASE {Name}");
        _connectionString = WithDatabase(_serverConnectionString, Name);
    }

    public async Task DisposeAsync()
    {
        if (_serverConnectionString is null || _connectionString is null)
        {
            return;
        }

        // Pooled idle connections to the database would keep it in use.
        await ClearPoolAsync(_connectionString);
        await ExecuteOnServerAsync(DropStatement);
    }

    private protected abstract string DropStatement { get; }

    private protected abstract TConnection CreateConnection(string connectionString);

    private protected abstract string WithDatabase(string connectionString, string database);

    private protected abstract Task ClearPoolAsync(string connectionString);

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = CreateConnection(_serverConnectionString!);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}

/// <summary>A fresh PostgreSQL database for one test class.</summary>
public sealed class PostgresDatabase() : ServerDatabase<NpgsqlConnection>(TestServers.PostgresVariable)
{
    // FORCE (PostgreSQL 13+) ends connections a test left open.
    private protected override string DropStatement => $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)";

    private protected override NpgsqlConnection CreateConnection(string connectionString) => new(connectionString);

    private protected override string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private protected override Task ClearPoolAsync(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
        return Task.CompletedTask;
    }
}

/// <summary>A fresh MariaDB (or MySQL) database for one test class.</summary>
public sealed class MySqlDatabase() : ServerDatabase<MySqlConnection>(TestServers.MySqlVariable)
{
    private protected override string DropStatement => $"DROP DATABASE IF EXISTS {Name}";

    private protected override MySqlConnection CreateConnection(string connectionString) => new(connectionString);

    private protected override string WithDatabase(string connectionString, string database) =>
        new MySqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private protected override async Task ClearPoolAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await MySqlConnection.ClearPoolAsync(connection);
    }
}

/// <summary>One-line SQL for tests on a server database.</summary>
internal static class DbConnectionTestExtensions
{
    public static async Task ExecuteAsync(this DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(this DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
