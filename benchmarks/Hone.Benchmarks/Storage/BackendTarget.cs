using Hone.Storages;
using Hone.Storages.Sql;

namespace Hone.Benchmarks.Storage;

/// <summary>One backend made ready for an invocation: a temporary folder for the journal and SQLite files, or a
/// fresh database on a test server; everything is deleted when it is disposed.</summary>
internal sealed class BackendTarget : IDisposable
{
    private static readonly StorageProvider[] Providers = [new SqlStorageProvider()];

    private readonly string? _folder;
    private readonly ServerDatabase? _database;

    private BackendTarget(StorageBackend backend, string? folder, ServerDatabase? database, string? problem)
    {
        Backend = backend;
        _folder = folder;
        _database = database;
        Problem = problem;
    }

    /// <summary>Gets the backend.</summary>
    public StorageBackend Backend { get; }

    /// <summary>Gets why the backend is skipped, or <see langword="null"/> when it runs.</summary>
    public string? Problem { get; }

    /// <summary>Gets the fresh database on a server, or <see langword="null"/>.</summary>
    public ServerDatabase? Database => _database;

    /// <summary>Gets the backend's label, with the server's version where there is a server.</summary>
    public string Label => _database?.Version ?? StorageBackends.Label(Backend);

    /// <summary>Prepares a backend; a server backend whose variable is missing is returned with a
    /// <see cref="Problem"/>.</summary>
    public static BackendTarget Prepare(StorageBackend backend)
    {
        switch (backend)
        {
            case StorageBackend.Journal or StorageBackend.Sqlite:
                string folder = Path.Combine(Path.GetTempPath(), "hone-bench-" + Guid.NewGuid().ToString("N")[..12]);
                Directory.CreateDirectory(folder);
                return new(backend, folder, null, null);
            case StorageBackend.Postgresql or StorageBackend.Mysql:
                string variable = backend == StorageBackend.Postgresql
                    ? ServerDatabase.PostgresVariable
                    : ServerDatabase.MySqlVariable;
                string? problem = ServerDatabase.TryCreate(variable, out var database);
                return new(backend, null, database, problem);
            default:
                return new(backend, null, null, null);
        }
    }

    /// <summary>Returns the storage URL of a study: its own file for journal and SQLite (so each study starts from
    /// an empty file), the fresh database for a server; <see langword="null"/> in memory.</summary>
    public string? UrlFor(string study) => Backend switch
    {
        StorageBackend.Journal => "journal://" + Path.Combine(_folder!, study + ".log"),
        StorageBackend.Sqlite => "sqlite:///" + Path.Combine(_folder!, study + ".db"),
        StorageBackend.Postgresql or StorageBackend.Mysql => _database!.Url,
        _ => null,
    };

    /// <summary>Opens the storage of a study through <see cref="StorageUrl.Open"/> and the relational provider,
    /// as users do (the relational storages come wrapped in a <c>CachedStorage</c>).</summary>
    public TrialStorage Open(string study) => OpenUrl(UrlFor(study));

    /// <summary>Opens a storage URL as users do; <see langword="null"/> stands for a new in-memory storage.</summary>
    public static TrialStorage OpenUrl(string? url) =>
        url is null ? new InMemoryStorage() : StorageUrl.Open(url, Providers);

    /// <inheritdoc />
    public void Dispose()
    {
        _database?.Dispose();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
