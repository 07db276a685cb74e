using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Storages;
using Hone.Tests.Support;

namespace Hone.Storages.Sql.Tests;

/// <summary>Runs the storage contract and the relational storage's own tests against SQLite, PostgreSQL and MariaDB:
/// one class per engine, each on a database of its own.</summary>
public abstract partial class RelationalStorageTests : StorageContractTests
{
    protected static readonly StudyDirection[] Minimize = [StudyDirection.Minimize];

    /// <summary>Gets the URL of the database the class uses.</summary>
    protected abstract string Url { get; }

    /// <summary>Opens the class's database, empty: a server database is shared by the tests of a class, which run
    /// one after another, so each starts by deleting what the previous one left.</summary>
    protected override TrialStorage CreateStorage()
    {
        var storage = RelationalStorage.Open(Url);
        foreach (var study in storage.GetAllStudies())
        {
            storage.DeleteStudy(study.StudyId);
        }

        return storage;
    }

    /// <summary>Opens another storage object on the same database, as another process would.</summary>
    protected RelationalStorage OpenAnother() => RelationalStorage.Open(Url);
}

public sealed class RelationalStorageSqliteTests : RelationalStorageTests
{
    // Initialised before the base constructor calls CreateStorage.
    private readonly TempSqlite _file = new();

    protected override string Url => _file.Url;

    protected override void DeleteBackend() => _file.Dispose();
}

/// <summary>Runs the contract against the cache that <see cref="SqlStorageProvider"/> puts in front of SQLite.
/// </summary>
public sealed class CachedRelationalStorageTests : StorageContractTests
{
    private readonly TempSqlite _file = new();

    protected override TrialStorage CreateStorage() => StorageUrl.Open(_file.Url, [new SqlStorageProvider()]);

    protected override void DeleteBackend() => _file.Dispose();
}

[UsesTestServers]
public sealed class RelationalStoragePostgresTests(PostgresDatabase database)
    : RelationalStorageTests, IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database = database;

    protected override string Url => TestDatabases.PostgresUrl(_database.ConnectionString);
}

[UsesTestServers]
public sealed class RelationalStorageMySqlTests(MySqlDatabase database)
    : RelationalStorageTests, IClassFixture<MySqlDatabase>
{
    private readonly MySqlDatabase _database = database;

    protected override string Url => TestDatabases.MySqlUrl(_database.ConnectionString);
}
