using MySqlConnector;
using Npgsql;

namespace Hone.Storages.Sql.Tests.Support;

/// <summary>Turns the test servers' connection strings into storage URLs, and names fresh SQLite files.</summary>
internal static class TestDatabases
{
    public static string PostgresUrl(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{Escape(builder.Username)}:{Escape(builder.Password)}@{builder.Host}:{builder.Port}/"
            + builder.Database;
    }

    public static string MySqlUrl(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        return $"mysql://{Escape(builder.UserID)}:{Escape(builder.Password)}@{builder.Server}:{builder.Port}/"
            + builder.Database;
    }

    private static string Escape(string? text) => Uri.EscapeDataString(text ?? "");
}

/// <summary>Names a fresh SQLite file in a fresh temporary folder and deletes both when disposed.</summary>
internal sealed class TempSqlite : IDisposable
{
    public TempSqlite()
    {
        Folder = Directory.CreateTempSubdirectory("hone-sqlite-").FullName;
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "hone.db");

    /// <summary>Gets the URL of the file: four slashes, since the path is absolute.</summary>
    public string Url => "sqlite:///" + Path;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
