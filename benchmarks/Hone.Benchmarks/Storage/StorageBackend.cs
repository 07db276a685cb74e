namespace Hone.Benchmarks.Storage;

/// <summary>The storages the storage benchmark measures, each opened the way users open it.</summary>
internal enum StorageBackend
{
    /// <summary><c>InMemoryStorage</c>, the default of a study without a storage.</summary>
    Memory,

    /// <summary>A journal file, <c>journal:///path.log</c>.</summary>
    Journal,

    /// <summary>An SQLite file, <c>sqlite:////path.db</c>, cached by the provider.</summary>
    Sqlite,

    /// <summary>The PostgreSQL server of <c>HONE_TEST_POSTGRES</c>, cached by the provider.</summary>
    Postgresql,

    /// <summary>The MySQL or MariaDB server of <c>HONE_TEST_MYSQL</c>, cached by the provider.</summary>
    Mysql,
}

/// <summary>Names the backends on the command line and in the tables.</summary>
internal static class StorageBackends
{
    /// <summary>Every backend, in the order the tables list them.</summary>
    public static readonly StorageBackend[] All =
    [
        StorageBackend.Memory, StorageBackend.Journal, StorageBackend.Sqlite, StorageBackend.Postgresql,
        StorageBackend.Mysql,
    ];

    /// <summary>Returns the backend's name on the command line.</summary>
    public static string Name(StorageBackend backend) => backend.ToString().ToLowerInvariant();

    /// <summary>Returns the backend a command-line name stands for, or <see langword="null"/>.</summary>
    public static StorageBackend? Parse(string name) =>
        All.Cast<StorageBackend?>().FirstOrDefault(
            b => string.Equals(Name(b!.Value), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the backend's label in the tables (the server's version is added when known).</summary>
    public static string Label(StorageBackend backend) => backend switch
    {
        StorageBackend.Memory => "in memory",
        StorageBackend.Journal => "journal file",
        StorageBackend.Sqlite => "SQLite",
        StorageBackend.Postgresql => "PostgreSQL",
        _ => "MySQL/MariaDB",
    };
}
