using System.Globalization;
using Hone.Storages.Sql.Internal;
using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;

namespace Hone.Storages.Sql.Tests.Internal;

/// <summary>Checks that the schema's version is kept, refused when it is not this code's, and upgraded only on
/// request; on every engine, since MySQL commits DDL outside transactions.</summary>
public abstract class SqlSchemaTests
{
    // A made-up version 2, to check the upgrade machinery while the real schema has one version.
    private static readonly SchemaMigration[] ToVersion2 =
        [new(1, d => [$"ALTER TABLE hone_studies ADD note {d.TextType}"])];

    protected abstract string Url { get; }

    [Fact]
    public void Open_SchemaNewerThanThisCode_IsRefusedNamingTheVersions()
    {
        CreateStudy();
        Execute("UPDATE hone_version SET version = 7");

        var error = Assert.Throws<StorageFormatException>(() => RelationalStorage.Open(Url));

        Assert.Contains("version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("(1 to 1)", error.Message, StringComparison.Ordinal);
        Assert.Throws<StorageFormatException>(() => RelationalStorage.UpgradeSchema(Url));
    }

    [Fact]
    public void Ensure_OlderSchema_IsRefusedUntilUpgradeSchemaRuns()
    {
        long study = CreateStudy();
        using var dialect = Dialect();

        var error = Assert.Throws<StorageFormatException>(() => SqlSchema.Ensure(dialect, ToVersion2, 2));
        int before = SqlSchema.Upgrade(dialect, ToVersion2, 2);
        SqlSchema.Ensure(dialect, ToVersion2, 2);

        Assert.Contains("RelationalStorage.UpgradeSchema(url)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, before);
        Assert.Equal("2", Scalar("SELECT MAX(version) FROM hone_version"));
        Assert.Equal("", Scalar($"SELECT COALESCE(note, '') FROM hone_studies WHERE study_id = {study}"));
        // This code knows version 1 only: the upgraded database is now too new for it.
        Assert.Throws<StorageFormatException>(() => RelationalStorage.Open(Url));
    }

    [Fact]
    public void UpgradeSchema_CurrentSchema_KeepsTheDataAndReturnsItsVersion()
    {
        long study = CreateStudy();

        int before = RelationalStorage.UpgradeSchema(Url);

        Assert.Equal(RelationalStorage.SchemaVersion, before);
        using var storage = RelationalStorage.Open(Url);
        Assert.Equal("s", storage.GetStudyName(study));
    }

    [Fact]
    public void Open_SchemaWithoutItsVersionRow_CompletesItAndKeepsTheData()
    {
        long study = CreateStudy();
        Execute("DELETE FROM hone_version");

        using var storage = RelationalStorage.Open(Url);

        Assert.Equal("s", storage.GetStudyName(study));
        Assert.Equal("1", Scalar("SELECT MAX(version) FROM hone_version"));
    }

    private long CreateStudy()
    {
        using var storage = RelationalStorage.Open(Url);
        return storage.CreateStudy("s", [StudyDirection.Minimize]);
    }

    private SqlDialect Dialect() => SqlUrl.Parse(Url, new RelationalStorageOptions());

    private void Execute(string sql)
    {
        using var dialect = Dialect();
        using var connection = dialect.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string? Scalar(string sql)
    {
        using var dialect = Dialect();
        using var connection = dialect.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteSchemaTests : SqlSchemaTests, IDisposable
{
    private readonly TempSqlite _file = new();

    protected override string Url => _file.Url;

    public void Dispose() => _file.Dispose();
}

/// <summary>Each test needs a database of its own: they change its schema.</summary>
[UsesTestServers]
public sealed class PostgresSchemaTests : SqlSchemaTests, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override string Url => TestDatabases.PostgresUrl(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}

[UsesTestServers]
public sealed class MySqlSchemaTests : SqlSchemaTests, IAsyncLifetime
{
    private readonly MySqlDatabase _database = new();

    protected override string Url => TestDatabases.MySqlUrl(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
