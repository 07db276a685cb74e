using Hone.Storages.Sql.Tests.Support;
using Hone.Tests.Support;

namespace Hone.Cli.Tests.Support;

/// <summary>Names the storages the command-line tests run against: a fresh SQLite file per test, or the test class's
/// PostgreSQL database with a study name of its own.</summary>
internal static class TestStorage
{
    public static string Postgres(PostgresDatabase database) => TestDatabases.PostgresUrl(database.ConnectionString);

    /// <summary>Returns a study name that no other test uses, for tests that share a server database.</summary>
    public static string UniqueStudy(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
